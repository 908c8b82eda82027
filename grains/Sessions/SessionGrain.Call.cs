namespace Engagement.Sessions;

/// <summary>
/// The session's call: an active chat escalates to audio or video, the other side accepts or declines,
/// either side mutes, turns the camera on or off, or hangs up. Media itself is in SessionGrain.Media.cs.
/// </summary>
internal sealed partial class SessionGrain
{
    private long _callVersion;

    public async Task<CallView> StartCall(Caller caller, CallMedia media)
    {
        var me = CallParty(caller);
        if (S.Status != SessionStatus.Active) throw EngagementException.Conflict("A call starts from an active conversation.");
        if (S.Call is { Status: not CallStatus.Ended }) throw EngagementException.Conflict("A call is already in progress.");
        if (!Enum.IsDefined(media)) throw EngagementException.Invalid("media is audio or video.");
        S.Call = new CallState
        {
            CallId = Ids.New("call_"),
            Status = CallStatus.Ringing,
            Media = media,
            StartedBy = caller.Id,
            StartedAt = Now,
            Members = CallMembers(caller.Id, media),
        };
        await _writer.WriteAsync();
        PushCall();
        await AppendEventAsync($"{me.DisplayName} started {(media == CallMedia.Video ? "a video" : "an audio")} call.");
        return CallView()!;
    }

    public async Task<CallView> AnswerCall(Caller caller, bool accept)
    {
        var me = CallParty(caller);
        if (S.Call is not { Status: CallStatus.Ringing } call) throw EngagementException.Conflict("No call is ringing.");
        if (call.StartedBy == caller.Id) throw EngagementException.Conflict("The other side answers the call.");
        if (!accept)
        {
            await EndCallAsync("declined", $"{me.DisplayName} declined the call.");
            return CallView()!;
        }
        call.Status = CallStatus.Active;
        call.AnsweredAt = Now;
        Member(caller.Id).Joined = true;
        await _writer.WriteAsync();
        PushCall();
        await AppendEventAsync($"{me.DisplayName} joined the call.");
        return CallView()!;
    }

    public async Task<CallView> UpdateCallMedia(Caller caller, bool audioOn, bool videoOn)
    {
        CallParty(caller);
        if (S.Call is not { Status: not CallStatus.Ended }) throw EngagementException.Conflict("No call is in progress.");
        var member = Member(caller.Id);
        (member.AudioOn, member.VideoOn) = (audioOn, videoOn);
        await _writer.WriteAsync();
        PushCall();
        return CallView()!;
    }

    public async Task<CallView> HangUp(Caller caller)
    {
        var me = CallParty(caller);
        if (S.Call is not { Status: not CallStatus.Ended } call) return CallView() ?? throw EngagementException.Conflict("No call is in progress.");
        if (call.Status == CallStatus.Ringing)
        {
            await EndCallAsync(call.StartedBy == caller.Id ? "cancelled" : "declined", $"{me.DisplayName} hung up.");
            return CallView()!;
        }
        Member(caller.Id).Joined = false;
        LeaveRoom(caller.Id);
        if (call.Members.Count(m => m.Joined) < 2)
        {
            await EndCallAsync("hung up", $"{me.DisplayName} hung up.");
            return CallView()!;
        }
        await _writer.WriteAsync();
        PushCall();
        await AppendEventAsync($"{me.DisplayName} left the call.");
        return CallView()!;
    }

    public Task<CallView?> GetCall(Caller caller)
    {
        EnsureVisible(caller);
        return Task.FromResult(CallView());
    }

    /// <summary>Ends the call (hang-up, decline, the session closing): closes the media room and says how long it lasted.</summary>
    private async Task EndCallAsync(string reason, string transcriptLine)
    {
        if (S.Call is not { Status: not CallStatus.Ended } call) return;
        var lasted = call.AnsweredAt is { } answered ? Now - answered : (TimeSpan?)null;
        call.Status = CallStatus.Ended;
        call.EndedAt = Now;
        call.EndReason = reason;
        foreach (var member in call.Members) member.Joined = false;
        CloseRoom();
        await _writer.WriteAsync();
        PushCall();
        await AppendEventAsync(lasted is { } d ? $"{transcriptLine} The call lasted {(int)d.TotalMinutes} min {d.Seconds} s." : transcriptLine);
    }

    /// <summary>Only the visitor and the assigned agent take part in calls.</summary>
    private Participant CallParty(Caller caller)
    {
        EnsureAllowed(caller, IsVisitor(caller) || IsAssignedAgent(caller), "Only the visitor and the assigned agent take part in the call.");
        return S.Participants.LastOrDefault(p => p.Id == caller.Id) ?? new Participant(caller.Id, ParticipantRole.Visitor, caller.DisplayName ?? "Visitor", Now, null);
    }

    private List<CallMember> CallMembers(string starterId, CallMedia media) => S.Participants
        .Where(p => p.Role != ParticipantRole.System && p.LeftAt is null && (p.Role == ParticipantRole.Visitor || p.Id == S.AssignedAgentId))
        .Select(p => new CallMember { ParticipantId = p.Id, Role = p.Role, DisplayName = p.DisplayName, Joined = p.Id == starterId, VideoOn = media == CallMedia.Video })
        .ToList();

    /// <summary>The caller's member entry (a merged visitor id answers for the visitor).</summary>
    private CallMember Member(string callerId) =>
        MemberOrNull(callerId) ?? throw new InvalidOperationException($"{callerId} is not a member of the call.");

    /// <summary>The caller's member entry, or null for someone outside the call (a supervisor watching).</summary>
    private CallMember? MemberOrNull(string callerId) =>
        S.Call?.Members.FirstOrDefault(m => m.ParticipantId == callerId)
        ?? S.Call?.Members.FirstOrDefault(m => m.Role == ParticipantRole.Visitor && S.CustomerIds.Contains(callerId));

    private void PushCall()
    {
        if (CallView() is { } view) _connections.Push(new ClientEvent(ClientEvents.Call, view));
    }

    private CallView? CallView() => S.Call is not { } c ? null : new CallView(
        Id, c.CallId, c.Status, c.Media, c.StartedBy, c.StartedAt, c.AnsweredAt, c.EndedAt, c.EndReason,
        c.Members.Select(m => new CallParticipant(m.ParticipantId, m.Role, m.DisplayName, m.Joined, _connectedInRoom.Contains(m.ParticipantId), m.AudioOn, m.VideoOn)).ToArray(),
        _callVersion = Math.Max(_callVersion + 1, Now.UtcTicks));
}
