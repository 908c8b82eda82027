using Engagement.Realtime;
using Engagement.Webhooks;

namespace Engagement.Sessions;

/// <summary>
/// What a session leaves behind for the company: the visitor's rating, the staff's private notes, and the figures
/// the supervisor dashboard counts (first reply, rating, close), reported one-way to the dashboard grain, which never
/// calls back, and written to the reports' durable fact (<see cref="SessionFacts"/>, with abandonment).
/// </summary>
internal sealed class SessionFeedback(SessionCore core, IWebhookOutbox webhooks, SessionFacts facts)
{
    private SessionState S => core.S;

    private IDashboardGrain Dashboard => core.Grains.GetDashboard();

    public async Task<SessionView> Rate(Caller caller, int csat, int? nps, string? comment)
    {
        core.EnsureAllowed(caller, core.IsVisitor(caller), "Only the session's visitor can rate it.");
        if (S.Timings.AcceptedAt is null) throw EngagementException.Conflict("A session can be rated once an agent has joined it.");
        if (csat is < Limits.CsatMin or > Limits.CsatMax) throw EngagementException.Invalid($"csat is {Limits.CsatMin} to {Limits.CsatMax}.");
        if (nps is < Limits.NpsMin or > Limits.NpsMax) throw EngagementException.Invalid($"nps is {Limits.NpsMin} to {Limits.NpsMax}.");
        if (comment is { Length: > Limits.Comment }) throw EngagementException.TooLarge($"A comment is at most {Limits.Comment} characters.");
        var previous = S.Rating;
        S.Rating = new SessionRating(csat, nps, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), core.Now);
        Dashboard.SessionStat(new SessionStat(core.Id, S.QueueId, SessionStatKind.Rated, null, S.Rating, null, S.Rating.At, previous)).Ignore();
        await core.Writer.WriteAsync();
        facts.Changed();
        core.PushSession();
        // After the write: a failed publish fails the call, and the visitor's retry rates (and publishes) again.
        await webhooks.PublishAsync(new WebhookEvent($"{core.Id}:rated:{S.Rating.At.UtcTicks}", WebhookEventTypes.SessionRated, S.Rating.At, core.View()));
        return core.ViewFor(caller);
    }

    public async Task<SessionNote> AddNote(Caller caller, string text)
    {
        core.EnsureAllowed(caller, caller.IsStaff || caller.Kind == CallerKind.System, "Only staff write notes.");
        text = text?.Trim() ?? "";
        if (text.Length > Limits.MessageText) throw EngagementException.TooLarge($"A note is at most {Limits.MessageText} characters.");
        if (text.Length == 0) throw EngagementException.Invalid("A note is not empty.");
        if (S.Notes.Count >= Limits.Notes) throw EngagementException.Conflict($"A session holds at most {Limits.Notes} notes.");
        var note = new SessionNote(core.Id, caller.Id, caller.DisplayName ?? caller.Id, text, core.Now);
        S.Notes.Add(note);
        await core.Writer.WriteAsync();
        // Notes are the staff's: never pushed to the visitor.
        core.Connections.Push(ClientEvent.Note(note), c => c.IsStaff);
        return note;
    }

    public Task<SessionNote[]> GetNotes(Caller caller)
    {
        core.EnsureAllowed(caller, caller.IsStaff || caller.Kind == CallerKind.System, "Only staff read notes.");
        return Task.FromResult(S.Notes.ToArray());
    }

    /// <summary>Called once, when the assigned agent's first message became durable.</summary>
    public void ReportFirstResponse(DateTimeOffset repliedAt)
    {
        if (S.Timings.AcceptedAt is not { } acceptedAt) return;
        Dashboard.SessionStat(new SessionStat(core.Id, S.QueueId, SessionStatKind.FirstResponse, repliedAt - acceptedAt, null, null, repliedAt)).Ignore();
        facts.Changed();
    }

    /// <summary>Called once, when the session closed (by its agent, staff or the wrap-up timeout).</summary>
    public void ReportClosed()
    {
        Dashboard.SessionStat(new SessionStat(core.Id, S.QueueId, SessionStatKind.Closed, null, null, S.Outcome, S.Timings.ClosedAt ?? core.Now)).Ignore();
        facts.Changed();
    }

    /// <summary>Called once, when the visitor left before an agent answered (the queue counts it for the dashboard).</summary>
    public void ReportAbandoned() => facts.Changed();
}
