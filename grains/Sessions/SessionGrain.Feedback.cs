namespace Engagement.Sessions;

/// <summary>Read receipts, ratings, private notes, the live context relay and the history summary.</summary>
internal sealed partial class SessionGrain
{
    private long _contextVersion;

    /// <summary>Key of the visitor's read position: one for all its customer ids (anonymous, then identified); not a valid id.</summary>
    private const string VisitorReadKey = "~visitor";

    public async Task MarkRead(Caller caller, long seq)
    {
        EnsureVisible(caller);
        var visitor = IsVisitor(caller);
        if (!visitor && !IsAssignedAgent(caller)) return; // supervisors watching and offered agents leave no read receipts
        var key = visitor ? VisitorReadKey : caller.Id;
        seq = Math.Min(seq, _sequencer.LastDurable);
        if (seq <= S.ReadUpTo.GetValueOrDefault(key)) return;
        S.ReadUpTo[key] = seq;
        // Everyone in the session sees it: the other side, and the reader's own other tabs (no longer unread there).
        _connections.Push(new ClientEvent(ClientEvents.Read, ReceiptOf(key, seq)));
        await _writer.WriteAsync();
    }

    public async Task<SessionView> Rate(Caller caller, int csat, int? nps, string? comment)
    {
        EnsureAllowed(caller, IsVisitor(caller), "Only the session's visitor can rate it.");
        if (S.Timings.AcceptedAt is null) throw EngagementException.Conflict("A session can be rated once an agent has joined it.");
        if (csat is < Limits.CsatMin or > Limits.CsatMax) throw EngagementException.Invalid($"csat is {Limits.CsatMin} to {Limits.CsatMax}.");
        if (nps is < Limits.NpsMin or > Limits.NpsMax) throw EngagementException.Invalid($"nps is {Limits.NpsMin} to {Limits.NpsMax}.");
        if (comment is { Length: > Limits.Comment }) throw EngagementException.TooLarge($"A comment is at most {Limits.Comment} characters.");
        var previous = S.Rating;
        S.Rating = new SessionRating(csat, nps, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), Now);
        ReportRated(previous, S.Rating);
        await _writer.WriteAsync();
        PushSession();
        return ViewFor(caller);
    }

    public async Task<SessionNote> AddNote(Caller caller, string text)
    {
        EnsureAllowed(caller, caller.IsStaff || caller.Kind == CallerKind.System, "Only staff write notes.");
        text = text?.Trim() ?? "";
        if (text.Length > Limits.MessageText) throw EngagementException.TooLarge($"A note is at most {Limits.MessageText} characters.");
        if (text.Length == 0) throw EngagementException.Invalid("A note is not empty.");
        if (S.Notes.Count >= Limits.NotesPerSession) throw EngagementException.Conflict($"A session holds at most {Limits.NotesPerSession} notes.");
        var note = new SessionNote(Id, caller.Id, caller.DisplayName ?? caller.Id, text, Now);
        S.Notes.Add(note);
        await _writer.WriteAsync();
        _connections.Push(new ClientEvent(ClientEvents.Note, note), c => c.IsStaff);
        return note;
    }

    public Task<SessionNote[]> GetNotes(Caller caller)
    {
        EnsureAllowed(caller, caller.IsStaff || caller.Kind == CallerKind.System, "Only staff read notes.");
        return Task.FromResult(S.Notes.ToArray());
    }

    /// <summary>A read position as clients see it: the visitor's under the session's current customer id.</summary>
    private ReadReceipt ReceiptOf(string key, long seq) => key == VisitorReadKey
        ? new ReadReceipt(Id, S.CustomerId, ParticipantRole.Visitor, seq)
        : new ReadReceipt(Id, key, ParticipantRole.Agent, seq);

    public Task ContextChanged(CustomerContext context)
    {
        if (!S.Exists || SessionLifecycle.IsEnded(S.Status) || context.Version < _contextVersion) return Task.CompletedTask;
        _contextVersion = context.Version;
        _connections.Push(new ClientEvent(ClientEvents.CustomerContext, context), c => c.IsStaff);
        return Task.CompletedTask;
    }

    public Task<SessionSummary?> Summary() => Task.FromResult(S.Exists
        ? new SessionSummary(Id, S.Channel, S.Status, S.QueueId, S.Topic, S.AssignedAgentId, S.Timings.RequestedAt,
            S.Timings.ClosedAt ?? S.Timings.AbandonedAt, S.Outcome, S.Rating, _sequencer.LastDurable)
        : null);
}
