namespace Engagement.Sessions;

/// <summary>Read receipts, ratings, private notes, the live context relay and the history summary.</summary>
internal sealed partial class SessionGrain
{
    public const int MaxNotes = 200;
    public const int MaxNoteLength = 4_000;
    public const int MaxCommentLength = 1_000;
    private long _contextVersion;

    public async Task MarkRead(Caller caller, long seq)
    {
        EnsureCanRead(caller);
        var role = IsVisitor(caller) ? ParticipantRole.Visitor : IsAssignedAgent(caller) ? ParticipantRole.Agent : (ParticipantRole?)null;
        if (role is null) return; // supervisors watching do not leave read receipts
        seq = Math.Min(seq, _sequencer.LastDurable);
        if (seq <= S.ReadUpTo.GetValueOrDefault(caller.Id)) return;
        S.ReadUpTo[caller.Id] = seq;
        _connections.Push(new ClientEvent(ClientEvents.Read, new ReadReceipt(Id, caller.Id, role.Value, seq)), c => c.Id != caller.Id);
        await _writer.WriteAsync();
    }

    public async Task<SessionView> Rate(Caller caller, int csat, int? nps, string? comment)
    {
        EnsureExists();
        if (!IsVisitor(caller)) throw EngagementException.Forbidden("Only the session's visitor can rate it.");
        if (S.Timings.AcceptedAt is null) throw EngagementException.Conflict("A session can be rated once an agent has joined it.");
        if (csat is < 1 or > 5) throw EngagementException.Invalid("csat is 1 to 5.");
        if (nps is < 0 or > 10) throw EngagementException.Invalid("nps is 0 to 10.");
        if (comment is { Length: > MaxCommentLength }) throw EngagementException.Invalid($"A comment is at most {MaxCommentLength} characters.");
        S.Rating = new SessionRating(csat, nps, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), Now);
        await _writer.WriteAsync();
        await GrainFactory.GetGrain<IStatsGrain>(BoardKeys.Stats).SessionStat(new SessionStat(Id, S.QueueId, SessionStatKind.Rated, null, S.Rating, null, Now));
        PushSession();
        return View();
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
