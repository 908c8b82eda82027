using System.Text.RegularExpressions;
using Engagement.Media;
using Orleans.Placement;

namespace Engagement.Sessions;

/// <summary>
/// The session's media room on this node's SFU. The room lives where the session is active; the grain is
/// [Immovable] and kept alive while the room is open. If the node dies, the next activation has no room:
/// clients offer again (ICE restart) and join a new one here. WHIP and WHEP resources join the same room.
/// </summary>
[Immovable]
internal sealed partial class SessionGrain
{
    private readonly HashSet<string> _connectedInRoom = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _resourceOwners = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _fingerprints = new(StringComparer.Ordinal);
    private IMediaRoom? _room;
    private EventHandler<MediaRoomEvent>? _roomHandler;
    private IGrainTimer? _roomKeepAlive;

    public async Task<string> CallOffer(Caller caller, string sdpOffer)
    {
        CallParty(caller);
        CheckSdp(sdpOffer);
        if (S.Call is not { Status: not CallStatus.Ended } call) throw EngagementException.Conflict("No call is in progress.");
        var member = Member(caller.Id);
        if (!member.Joined) throw EngagementException.Conflict(call.Status == CallStatus.Ringing ? "Answer the call first." : "You left this call.");
        return await NegotiateAsync(member.ParticipantId, sdpOffer);
    }

    public async Task<MediaResource> Publish(Caller caller, string sdpOffer)
    {
        var me = CallParty(caller);
        CheckSdp(sdpOffer);
        if (S.Status != SessionStatus.Active) throw EngagementException.Conflict("Media can be published into an active conversation only.");
        if (S.Call is not { Status: not CallStatus.Ended })
        {
            S.Call = new CallState { CallId = Ids.New("call_"), Status = CallStatus.Active, Media = CallMedia.Video, StartedBy = caller.Id, StartedAt = Now, AnsweredAt = Now, Members = CallMembers(caller.Id, CallMedia.Video) };
            await _writer.WriteAsync();
            PushCall();
            await AppendEventAsync($"{me.DisplayName} started publishing media (WHIP).");
        }
        return await OpenResourceAsync(caller, "whip_", sdpOffer);
    }

    public async Task<MediaResource> Watch(Caller caller, string sdpOffer)
    {
        EnsureVisible(caller);
        CheckSdp(sdpOffer);
        if (S.Call is not { Status: CallStatus.Active }) throw EngagementException.Conflict("No call is in progress to watch.");
        return await OpenResourceAsync(caller, "whep_", sdpOffer);
    }

    public Task EndMediaResource(Caller caller, string resourceId)
    {
        EnsureVisible(caller);
        if (!_resourceOwners.TryGetValue(resourceId, out var owner)) throw EngagementException.NotFound($"Media resource '{resourceId}'");
        if (owner != caller.Id && !caller.IsPrivileged) throw EngagementException.Forbidden("Only whoever created a media resource ends it.");
        _resourceOwners.Remove(resourceId);
        LeaveRoom(resourceId);
        return Task.CompletedTask;
    }

    public Task MediaChanged(MediaChange change)
    {
        if (S.Call is not { } call || call.CallId != change.CallId) return Task.CompletedTask;
        switch (change.Kind)
        {
            case MediaChangeKind.Connected: _connectedInRoom.Add(change.ParticipantId); PushCall(); break;
            case MediaChangeKind.Left:
                _connectedInRoom.Remove(change.ParticipantId);
                _resourceOwners.Remove(change.ParticipantId);
                PushCall();
                break;
            default:
                var track = new CallTrack(Id, call.CallId, change.ParticipantId, change.TrackId!, change.TrackKind ?? CallMedia.Audio, change.Kind == MediaChangeKind.TrackPublished);
                _connections.Push(new ClientEvent(ClientEvents.CallTrack, track));
                break;
        }
        return Task.CompletedTask;
    }

    private async Task<MediaResource> OpenResourceAsync(Caller caller, string prefix, string sdpOffer)
    {
        var resourceId = Ids.New(prefix);
        var answer = await NegotiateAsync(resourceId, sdpOffer);
        _resourceOwners[resourceId] = caller.Id;
        return new MediaResource(resourceId, answer);
    }

    /// <summary>
    /// Joins the room (first offer in this activation) or renegotiates; the room answers. An offer with
    /// another DTLS fingerprint comes from a new peer connection of the same participant (a reloaded or
    /// new page): the old connection is gone, so it leaves the room and the new one joins.
    /// </summary>
    private async Task<string> NegotiateAsync(string participantId, string sdpOffer)
    {
        var room = EnsureRoom();
        var fingerprint = FingerprintLine().Match(sdpOffer) is { Success: true } m ? m.Groups[1].Value.Trim() : null;
        var present = room.Participants.Any(p => p.ParticipantId == participantId);
        if (present && fingerprint is not null && _fingerprints.TryGetValue(participantId, out var known)
            && !string.Equals(known, fingerprint, StringComparison.OrdinalIgnoreCase))
        {
            LeaveRoom(participantId);
            present = false;
        }
        try
        {
            var answer = present ? await room.RenegotiateAsync(participantId, sdpOffer) : await room.JoinAsync(participantId, sdpOffer);
            if (fingerprint is not null) _fingerprints[participantId] = fingerprint;
            return answer;
        }
        catch (MediaNegotiationException e)
        {
            throw EngagementException.Invalid($"The SDP offer was refused: {e.Message}");
        }
    }

    private IMediaRoom EnsureRoom()
    {
        var callId = S.Call!.CallId;
        if (_room is { } existing && existing.Id == callId) return existing;
        CloseRoom();
        var room = media.CreateRoom(callId);
        var self = this.AsReference<ISessionGrain>();
        // Raised on the media threads: hand the change to the grain as a one-way call.
        _roomHandler = (_, e) =>
        {
            if (ToChange(e) is { } change) self.MediaChanged(change).Ignore();
        };
        room.Changed += _roomHandler;
        _room = room;
        _roomKeepAlive = this.RegisterGrainTimer(_ => Task.CompletedTask, new GrainTimerCreationOptions(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)) { KeepAlive = true });
        return room;
    }

    private void LeaveRoom(string participantId)
    {
        _room?.Leave(participantId);
        _connectedInRoom.Remove(participantId);
    }

    private void CloseRoom()
    {
        if (_room is not { } room) return;
        room.Changed -= _roomHandler;
        media.CloseRoom(room.Id);
        _room = null;
        _roomHandler = null;
        _connectedInRoom.Clear();
        _resourceOwners.Clear();
        _fingerprints.Clear();
        _roomKeepAlive?.Dispose();
        _roomKeepAlive = null;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        CloseRoom();
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
    private void AfterListenerReturned(string connectionId, Caller caller)
    {
        if (S.Call is not { Status: CallStatus.Active }) return;
        var mediaGone = _room is null || (MemberOrNull(caller.Id) is { Joined: true } member && !_connectedInRoom.Contains(member.ParticipantId));
        if (mediaGone && CallView() is { } view) _connections.PushTo(connectionId, new ClientEvent(ClientEvents.Call, view));
    }

    private static void CheckSdp(string sdp)
    {
        if (sdp?.Length > Limits.Sdp) throw EngagementException.TooLarge($"An SDP offer is at most {Limits.Sdp} characters.");
        if (string.IsNullOrWhiteSpace(sdp)) throw EngagementException.Invalid("An SDP offer is not empty.");
    }

    [GeneratedRegex(@"^a=fingerprint:([^\r\n]+)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex FingerprintLine();

    private static MediaChange? ToChange(MediaRoomEvent e) => e switch
    {
        ParticipantConnected c => new MediaChange(c.RoomId, c.ParticipantId, MediaChangeKind.Connected, null, null, null),
        ParticipantLeft l => new MediaChange(l.RoomId, l.ParticipantId, MediaChangeKind.Left, null, null, l.Reason),
        TrackPublished p => new MediaChange(p.RoomId, p.ParticipantId, MediaChangeKind.TrackPublished, p.Track.TrackId, Kind(p.Track.Kind), null),
        TrackUnpublished u => new MediaChange(u.RoomId, u.ParticipantId, MediaChangeKind.TrackUnpublished, u.Track.TrackId, Kind(u.Track.Kind), null),
        _ => null, // joined: the offer's answer already said so
    };

    private static CallMedia Kind(MediaKind kind) => kind == MediaKind.Video ? CallMedia.Video : CallMedia.Audio;
}
