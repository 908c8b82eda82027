using Engagement.Realtime;

namespace Engagement.Sessions;

/// <summary>
/// How media reaches the session's call: a participant's SDP offers (the node always answers), WHIP and WHEP
/// resources from standard tools, the room's reports (who connected, which tracks came and went), and the hint
/// that tells a returning connection its media is gone so it offers again.
/// </summary>
internal sealed class CallSignaling(SessionCore core, SessionCall call, SessionMediaRoom room)
{
    private SessionState S => core.S;

    public async Task<string> CallOffer(Caller caller, string sdpOffer)
    {
        call.Party(caller);
        CheckSdp(sdpOffer);
        if (S.Call is not { Status: not CallStatus.Ended } current) throw EngagementException.Conflict("No call is in progress.");
        var member = call.Member(caller.Id);
        if (!member.Joined) throw EngagementException.Conflict(current.Status == CallStatus.Ringing ? "Answer the call first." : "You left this call.");
        return await room.NegotiateAsync(current.CallId, member.ParticipantId, sdpOffer);
    }

    public async Task<MediaResource> Publish(Caller caller, string sdpOffer)
    {
        var me = call.Party(caller);
        CheckSdp(sdpOffer);
        if (S.Status != SessionStatus.Active) throw EngagementException.Conflict("Media can be published into an active conversation only.");
        if (S.Call is not { Status: not CallStatus.Ended }) await call.StartPublishedCallAsync(caller, me);
        return await OpenResourceAsync(caller, "whip_", sdpOffer);
    }

    public async Task<MediaResource> Watch(Caller caller, string sdpOffer)
    {
        core.EnsureVisible(caller);
        CheckSdp(sdpOffer);
        if (S.Call is not { Status: CallStatus.Active }) throw EngagementException.Conflict("No call is in progress to watch.");
        return await OpenResourceAsync(caller, "whep_", sdpOffer);
    }

    public Task EndMediaResource(Caller caller, string resourceId)
    {
        core.EnsureVisible(caller);
        if (room.OwnerOf(resourceId) is not { } owner) throw EngagementException.NotFound($"Media resource '{resourceId}'");
        if (owner != caller.Id && !caller.IsPrivileged) throw EngagementException.Forbidden("Only whoever created a media resource ends it.");
        room.EndResource(resourceId);
        return Task.CompletedTask;
    }

    public Task MediaChanged(MediaChange change)
    {
        if (S.Call is not { } current || current.CallId != change.CallId) return Task.CompletedTask;
        switch (change.Kind)
        {
            // A supervisor who did not barge in is hidden from the visitor: so is news of its media (the SFU forwards it to the agent alone).
            case MediaChangeKind.Connected:
                room.Connected(change.ParticipantId);
                call.Push(visitorToo: !room.IsRestricted(change.ParticipantId));
                break;
            case MediaChangeKind.Left:
                room.Left(change.ParticipantId);
                call.Push(visitorToo: !room.IsRestricted(change.ParticipantId));
                break;
            default:
                var track = new CallTrack(core.Id, current.CallId, change.ParticipantId, change.TrackId!, change.TrackKind ?? CallMedia.Audio, change.Kind == MediaChangeKind.TrackPublished);
                core.Connections.Push(ClientEvent.CallTrack(track), room.IsRestricted(change.ParticipantId) ? c => c.IsStaff : null);
                break;
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// A connection registered with this activation: its lease came back (the last activation was lost with a node)
    /// or it joined (a client that reconnected, often through another node). While a call is active, a connection
    /// whose participant has no media here is sent the call view at once: it shows that participant (and, when this
    /// activation holds no room, everybody) not connected, which tells a client that had media to offer again with
    /// an ICE restart (docs/protocol.md, Calls, step 5). Without it, a client whose room went with its node would
    /// wait for its own ICE timers to notice; and one that reconnected would never hear that its room is gone.
    /// </summary>
    public void AfterListenerReturned(string connectionId, Caller caller)
    {
        if (S.Call is not { Status: CallStatus.Active }) return;
        var mediaGone = !room.IsOpen || (call.MemberOrNull(caller.Id) is { Joined: true } member && !room.IsConnected(member.ParticipantId));
        if (mediaGone && call.ViewFor(caller) is { } view) core.Connections.PushTo(connectionId, ClientEvent.Call(view));
    }

    private async Task<MediaResource> OpenResourceAsync(Caller caller, string prefix, string sdpOffer)
    {
        var resourceId = Ids.New(prefix);
        var answer = await room.NegotiateAsync(S.Call!.CallId, resourceId, sdpOffer);
        room.AddResource(resourceId, caller.Id);
        return new MediaResource(resourceId, answer);
    }

    public static void CheckSdp(string sdp)
    {
        if (sdp?.Length > Limits.Sdp) throw EngagementException.TooLarge($"An SDP offer is at most {Limits.Sdp} characters.");
        if (string.IsNullOrWhiteSpace(sdp)) throw EngagementException.Invalid("An SDP offer is not empty.");
    }
}
