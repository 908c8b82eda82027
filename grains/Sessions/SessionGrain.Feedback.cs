namespace Engagement.Sessions;

/// <summary>Read receipts, ratings, private notes, the live context relay and the history summary.</summary>
internal sealed partial class SessionGrain
{
    public const int MaxNotes = 200;
    public const int MaxNoteLength = 4_000;
    public const int MaxCommentLength = 1_000;
    private long _contextVersion;

    /// <summary>Key of the visitor's read position: one for all its customer ids (anonymous, then identified); not a valid id.</summary>
    private const string VisitorReadKey = "~visitor";

    public async Task MarkRead(Caller caller, long seq)
    {
        EnsureCanRead(caller);
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
        EnsureCanRead(caller); // strangers learn nothing, not even that the session exists
        if (!IsVisitor(caller)) throw EngagementException.Forbidden("Only the session's visitor can rate it.");
        if (S.Timings.AcceptedAt is null) throw EngagementException.Conflict("A session can be rated once an agent has joined it.");
        if (csat is < 1 or > 5) throw EngagementException.Invalid("csat is 1 to 5.");
        if (nps is < 0 or > 10) throw EngagementException.Invalid("nps is 0 to 10.");
        if (comment is { Length: > MaxCommentLength }) throw EngagementException.Invalid($"A comment is at most {MaxCommentLength} characters.");
        var previous = S.Rating;
        S.Rating = new SessionRating(csat, nps, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), Now);
        ReportRated(previous, S.Rating);
        await _writer.WriteAsync();
        PushSession();
        return ViewFor(caller);
    }

    public async Task<SessionNote> AddNote(Caller caller, string text)
    {
        EnsureCanRead(caller);
        if (!caller.IsStaff && caller.Kind != CallerKind.System) throw EngagementException.Forbidden("Only staff write notes.");
        text = text?.Trim() ?? "";
        if (text.Length is 0 or > MaxNoteLength) throw EngagementException.Invalid($"A note is 1 to {MaxNoteLength} characters.");
        if (S.Notes.Count >= MaxNotes) throw EngagementException.Conflict($"A session holds at most {MaxNotes} notes.");
        var note = new SessionNote(Id, caller.Id, caller.DisplayName ?? caller.Id, text, Now);
        S.Notes.Add(note);
        await _writer.WriteAsync();
        _connections.Push(new ClientEvent(ClientEvents.Note, note), c => c.IsStaff);
        return note;
    }

    public Task<SessionNote[]> GetNotes(Caller caller)
    {
        EnsureCanRead(caller);
        if (!caller.IsStaff && caller.Kind != CallerKind.System) throw EngagementException.Forbidden("Only staff read notes.");
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
