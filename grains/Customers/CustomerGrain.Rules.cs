using Engagement.Context;
using Engagement.Context.Rules;

namespace Engagement.Customers;

/// <summary>
/// Proactive rules, evaluated when the visit starts, the page or presence changes, and when a dwell time
/// runs out (one grain timer, moved to the earliest pending dwell). A rule fires at most once per visit.
/// </summary>
internal sealed partial class CustomerGrain
{
    private const int SessionsLookedUpForRules = 20;
    private readonly HashSet<string> _firedRules = new(StringComparer.Ordinal);
    // Only while a check is due: an idle timer would cost memory on every customer online (docs/benchmarks.md,
    // "Connections per node"), and most visits have no dwell pending.
    private IGrainTimer? _ruleTimer;
    private bool _ruleCheckScheduled;

    private void ScheduleRuleCheck(TimeSpan due)
    {
        _ruleTimer ??= this.RegisterGrainTimer(CheckRulesAsync, new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        _ruleTimer.Change(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
        _ruleCheckScheduled = true;
    }

    private void CancelRuleCheck()
    {
        _ruleTimer?.Dispose();
        _ruleTimer = null;
        _ruleCheckScheduled = false;
    }

    private async Task CheckRulesAsync(CancellationToken cancellationToken)
    {
        _ruleCheckScheduled = false;
        await CheckRulesNowAsync();
        if (!_ruleCheckScheduled) CancelRuleCheck();
    }

    private async Task CheckRulesNowAsync()
    {
        if (_visitStart is null) return;
        var rules = await rulesCache.GetAsync();
        if (rules.Length == 0) return;
        if (rules.Any(r => r.Enabled && r.ReturningWithinDays is not null)) await LearnSessionStartsAsync();
        // Presence may have changed meanwhile: look at the visit as it is now.
        if (_visitStart is not { } visitStart || WebPresence is not { } web) return;

        var visit = new VisitSnapshot(web.CurrentPage, _pageSince, web.Status == CustomerPresence.Online, visitStart,
            C.SessionStarts, S.OpenSessionIds, Now);
        DateTimeOffset? next = null;
        foreach (var decision in RuleEvaluator.Evaluate(rules, visit, _firedRules))
        {
            if (decision.Fire)
            {
                _firedRules.Add(decision.Rule.RuleId);
                Fire(decision.Rule, web);
            }
            else if (decision.CheckAgainAt is { } at && (next is null || at < next))
            {
                next = at;
            }
        }
        if (next is { } due) ScheduleRuleCheck(due - Now);
    }

    private void Fire(ProactiveRule rule, ChannelPresence web)
    {
        if (rule.Action == ProactiveAction.InviteVisitor)
        {
            SendInvitation(new Invitation(Ids.New("i_"), Id, null, null, rule.QueueId, rule.Message, rule.RuleId,
                Now + contextOptions.Value.InvitationLifetime));
        }
        else
        {
            SiteVisitors.Alert(new VisitorAlert(Id, S.Attributes.GetValueOrDefault("name"), rule.RuleId, rule.Name, rule.Message,
                web.CurrentPage, Now)).Ignore();
        }
    }

    /// <summary>Start times of recent sessions this grain did not see start (merged by identify, or older than the context).</summary>
    private async Task LearnSessionStartsAsync()
    {
        var unknown = S.SessionIds.TakeLast(SessionsLookedUpForRules).Where(id => !C.SessionStarts.ContainsKey(id)).ToArray();
        if (unknown.Length == 0) return;
        // Sessions never await customers, so awaiting them here cannot deadlock.
        var summaries = await Task.WhenAll(unknown.Select(id => GrainFactory.GetSession(id).Summary()));
        foreach (var summary in summaries.OfType<SessionSummary>()) C.SessionStarts[summary.SessionId] = summary.RequestedAt;
        ScheduleContextWrite();
    }
}
