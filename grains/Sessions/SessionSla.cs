using Engagement.Webhooks;
using Microsoft.Extensions.Logging;

namespace Engagement.Sessions;

/// <summary>
/// The session's SLA clocks (docs/protocol.md, "SLA policy"): first response and resolution start when it is queued,
/// a next response with the visitor's oldest unanswered message after the first reply; an agent's message stops the
/// response clocks, the end (wrap-up, close, abandonment) every clock. One grain timer wakes the session at the next
/// at-risk or due time. A breach is counted in the state (and so the reports' fact), sent to the supervisors' board
/// and published as the webhook <c>session.sla_breached</c>. The clock math is <see cref="SlaClocks"/>'.
/// </summary>
/// <remarks>
/// The timer keeps the activation alive until the next due time; a new activation resumes from the stored due times
/// and records at once what fell due meanwhile. The timer dies with its silo, so while any clock runs a durable
/// reminder (<see cref="Reminder"/>) also wakes the session every minute: a session that nothing else calls after its
/// silo died still records its breach, a minute or two late at worst. It is registered once when the clocks start
/// running and removed when the last one stops: a write, a read and a delete per session, not one per change. A breach is
/// also a staff-only transcript line (kind <c>staffEvent</c>), which visitors never receive.
/// </remarks>
internal sealed partial class SessionSla(
    SessionCore core,
    SessionFacts facts,
    IWebhookOutbox webhooks,
    Func<Func<Task>, TimeSpan, IDisposable> startTimer,
    IGrainBase grain,
    ILogger logger)
{
    /// <summary>The reminder that wakes a session whose clocks run, should its activation (and timer) be lost.</summary>
    public const string Reminder = "sla-clocks";

    /// <summary>The longest a timer waits; a later due time is reached in steps (grain timers take at most ~49 days).</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(1);

    /// <summary>The reminder's period, and its first tick: the shortest Orleans allows.</summary>
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    private IDisposable? _timer;

    /// <summary>Whether this activation knows the reminder to be registered (null: not known yet).</summary>
    private bool? _reminderHeld;

    private SessionState S => core.S;

    private ISlaBoardGrain Board => core.Grains.GetSlaBoard();

    /// <summary>The session was queued: its targets are fixed from the queue's policy and its priority, and the first clocks start.</summary>
    public async Task QueuedAsync(DateTimeOffset queuedAt, IReadOnlyDictionary<string, string>? attributes)
    {
        if (S.Sla is not null) return;
        var definition = await core.Grains.GetQueue(S.QueueId).GetDefinition();
        if (definition?.Sla is not { } policy || S.Sla is not null) return;
        var priority = RoutingPolicyRules.PriorityOf(definition.Routing ?? RoutingPolicy.Default, attributes);
        var sla = new SlaState
        {
            Targets = SlaPolicyRules.TargetsFor(policy, priority),
            Hours = policy.BusinessHoursOnly ? definition.Hours : null,
            Priority = priority,
        };
        S.Sla = sla;
        if (S.Timings.FirstAgentReplyAt is null) SlaClocks.Start(sla, SlaKind.FirstResponse, queuedAt);
        if (!HasEnded) SlaClocks.Start(sla, SlaKind.Resolution, queuedAt);
        await CheckAsync(changed: true);
    }

    /// <summary>A message became durable: a visitor's starts the next-response clock (once answered before), an agent's stops the response clocks.</summary>
    public Task MessageStoredAsync(ParticipantRole role, DateTimeOffset at)
    {
        if (S.Sla is not { } sla || HasEnded) return Task.CompletedTask;
        if (role == ParticipantRole.Agent)
            return sla.Running.Any(c => c.Kind is SlaKind.FirstResponse or SlaKind.NextResponse)
                ? StopAsync([SlaKind.FirstResponse, SlaKind.NextResponse], at)
                : Task.CompletedTask;
        if (role == ParticipantRole.Visitor && S.Timings.FirstAgentReplyAt is not null && SlaClocks.Start(sla, SlaKind.NextResponse, at) is not null)
            return CheckAsync(changed: true);
        return Task.CompletedTask;
    }

    /// <summary>The session ended (wrap-up, close, the visitor leaving): every clock stops.</summary>
    public Task EndedAsync() =>
        S.Sla is { Running.Count: > 0 } sla ? StopAsync([.. sla.Running.Select(c => c.Kind)], core.Now) : Task.CompletedTask;

    /// <summary>A new activation: what fell due while none was active is recorded now, and the timer set again.</summary>
    public Task ResumeAsync() => S.Sla is { Running.Count: > 0 } ? CheckAsync(changed: false) : Task.CompletedTask;

    /// <summary>
    /// The reminder's tick. The activation it woke has already resumed the clocks (<see cref="ResumeAsync"/>); one that
    /// was alive has its timer. So only a reminder left behind (the clocks stopped in an activation that could not
    /// remove it) has anything to do here: it goes.
    /// </summary>
    public Task ReminderAsync() => S.Sla is { Running.Count: > 0 } ? Task.CompletedTask : HoldReminderAsync(false);

    /// <summary>The session is being erased: the board forgets its clocks, and the timer and the reminder stop.</summary>
    public async Task ForgetAsync()
    {
        Stop();
        foreach (var clock in S.Sla?.Running ?? [])
            if (clock.AtRisk || clock.Breached) Board.Cleared(core.Id, clock.Kind).Ignore();
        await HoldReminderAsync(false);
    }

    public void Stop()
    {
        _timer?.Dispose();
        _timer = null;
    }

    private bool HasEnded => S.Status is SessionStatus.WrapUp or SessionStatus.Closed or SessionStatus.Abandoned;

    private async Task StopAsync(SlaKind[] kinds, DateTimeOffset at)
    {
        var sla = S.Sla!;
        foreach (var kind in kinds)
        {
            if (SlaClocks.Stop(sla, kind) is not { } clock) continue;
            if (SlaClocks.LateUnrecorded(clock, at)) await BreachAsync(sla, clock with { Breached = true });
            if (clock.AtRisk || clock.Breached || clock.DueAt <= at) Board.Cleared(core.Id, kind).Ignore();
        }
        await CheckAsync(changed: true);
    }

    /// <summary>Marks what is at risk or due now, writes and pushes when anything changed, and sets the timer for the next.</summary>
    private async Task CheckAsync(bool changed)
    {
        var sla = S.Sla!;
        var now = core.Now;
        for (var i = 0; i < sla.Running.Count; i++)
        {
            var clock = sla.Running[i];
            if (!clock.Breached && clock.DueAt <= now)
            {
                sla.Running[i] = clock = clock with { AtRisk = true, Breached = true };
                await BreachAsync(sla, clock);
                changed = true;
            }
            else if (!clock.AtRisk && !clock.Breached && clock.AtRiskAt <= now)
            {
                sla.Running[i] = clock with { AtRisk = true };
                Board.Alert(AlertOf(clock, SlaAlertLevel.AtRisk)).Ignore();
                changed = true;
            }
        }
        if (changed)
        {
            await core.Writer.WriteAsync();
            core.PushSession();
        }
        await ScheduleAsync(sla, now);
    }

    private async Task ScheduleAsync(SlaState sla, DateTimeOffset now)
    {
        Stop();
        var next = SlaClocks.NextEvent(sla);
        await HoldReminderAsync(sla.Running.Count > 0);
        if (next is null) return;
        var wait = next.Value - now;
        _timer = startTimer(() => CheckAsync(changed: false), wait < TimeSpan.Zero ? TimeSpan.Zero : wait > LongestWait ? LongestWait : wait);
    }

    /// <summary>
    /// Registers the reminder while clocks run, removes it when none does; each only when this activation does not know
    /// it done. A backstop: when the reminder service cannot be reached (a silo starting, PostgreSQL away) the chat goes
    /// on with the timer alone, and the next check tries again.
    /// </summary>
    private async Task HoldReminderAsync(bool hold)
    {
        if (_reminderHeld == hold) return;
        try
        {
            if (hold) await grain.RegisterOrUpdateReminder(Reminder, ReminderPeriod, ReminderPeriod);
            else if (await grain.GetReminder(Reminder) is { } reminder) await grain.UnregisterReminder(reminder);
            _reminderHeld = hold;
        }
        catch (Exception e)
        {
            _reminderHeld = null;
            LogReminderFailed(logger, e, core.Id, hold);
        }
    }

    /// <summary>Counts the breach (state and report fact), tells the board and publishes the webhook event.</summary>
    private async Task BreachAsync(SlaState sla, SlaClock clock)
    {
        SlaClocks.CountBreach(sla, clock.Kind);
        SessionMetrics.SlaBreached(clock.Kind);
        LogBreached(logger, core.Id, clock.Kind, clock.DueAt);
        facts.Changed();
        var dueAt = clock.DueAt ?? core.Now;
        Board.Alert(AlertOf(clock, SlaAlertLevel.Breached)).Ignore();
        var breach = new SlaBreach(core.Id, S.QueueId, clock.Kind, clock.StartedAt, dueAt, sla.Targets.Of(clock.Kind) ?? TimeSpan.Zero, S.AssignedAgentId, sla.Priority);
        try
        {
            // One id per clock: a breach recorded again (a retried write, a new activation) publishes nothing new.
            await webhooks.PublishAsync(new WebhookEvent($"{core.Id}:sla:{clock.Kind}:{clock.StartedAt.UtcTicks}", WebhookEventTypes.SessionSlaBreached, dueAt, breach));
        }
        catch (Exception e)
        {
            // The chat goes on: the breach stays in the state, the board and the reports.
            LogPublishFailed(logger, e, core.Id);
        }
        await StaffLineAsync(clock.Kind, sla.Targets.Of(clock.Kind));
    }

    /// <summary>The breach in the transcript's staff-only lines, for whoever reads the chat later; the chat goes on if it cannot be written.</summary>
    private async Task StaffLineAsync(SlaKind kind, TimeSpan? target)
    {
        var what = kind switch { SlaKind.FirstResponse => "first response", SlaKind.NextResponse => "next response", _ => "resolution" };
        var within = target is { } t ? $" ({TranscriptText.Duration(t)})" : "";
        try
        {
            await core.Transcript.AppendStaffEventAsync($"SLA: the {what} target{within} was missed.");
        }
        catch (Exception e)
        {
            LogStaffLineFailed(logger, e, core.Id);
        }
    }

    private SlaAlert AlertOf(SlaClock clock, SlaAlertLevel level) =>
        new(core.Id, S.QueueId, clock.Kind, level, clock.DueAt ?? DateTimeOffset.MaxValue, S.AssignedAgentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId}: the SLA reminder was not updated (hold: {Hold}); the timer alone watches the clocks until the next check.")]
    private static partial void LogReminderFailed(ILogger logger, Exception exception, string sessionId, bool hold);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId}: SLA {Kind} breached (due {DueAt}).")]
    private static partial void LogBreached(ILogger logger, string sessionId, SlaKind kind, DateTimeOffset? dueAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId}: the SLA breach's staff-only line was not written.")]
    private static partial void LogStaffLineFailed(ILogger logger, Exception exception, string sessionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId}: publishing session.sla_breached failed; the breach is recorded without it.")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string sessionId);
}
