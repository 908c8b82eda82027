using System.Text.RegularExpressions;
using Engagement.Media;

namespace Engagement.Sessions;

/// <summary>
/// The session's media room on this node's SFU, for the current call. The room lives where the session is active
/// (the grain is [Immovable]) and a grain timer keeps the activation alive while it is open. If the node dies, the
/// next activation has no room: clients offer again (ICE restart) and join a new one here. Room events are raised
/// on the media threads; <paramref name="report"/> hands them to the grain as one-way calls.
/// </summary>
internal sealed partial class SessionMediaRoom(IMediaEngine media, Action<MediaChange> report, Func<IDisposable> keepAlive)
{
    private readonly HashSet<string> _connected = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _resourceOwners = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _fingerprints = new(StringComparer.Ordinal);
    /// <summary>Forwarding rules by publisher (a supervisor's audience), applied to this room and to the next one.</summary>
    private readonly Dictionary<string, string[]?> _audiences = new(StringComparer.Ordinal);
    private IMediaRoom? _room;
    private EventHandler<MediaRoomEvent>? _handler;
    private IDisposable? _keepAlive;

    /// <summary>Whether this activation holds a room (none after a failover, until the first offer).</summary>
    public bool IsOpen => _room is not null;

    /// <summary>Whether the participant's media flows through the room.</summary>
    public bool IsConnected(string participantId) => _connected.Contains(participantId);

    /// <summary>
    /// Joins the room of call <paramref name="callId"/> (first offer in this activation) or renegotiates; the room
    /// answers. An offer with another DTLS fingerprint comes from a new peer connection of the same participant (a
    /// reloaded or new page): the old connection is gone, so it leaves the room and the new one joins.
    /// </summary>
    public async Task<string> NegotiateAsync(string callId, string participantId, string sdpOffer)
    {
        var room = Ensure(callId);
        var fingerprint = FingerprintLine().Match(sdpOffer) is { Success: true } m ? m.Groups[1].Value.Trim() : null;
        var present = room.Participants.Any(p => p.ParticipantId == participantId);
        if (present && fingerprint is not null && _fingerprints.TryGetValue(participantId, out var known)
            && !string.Equals(known, fingerprint, StringComparison.OrdinalIgnoreCase))
        {
            Leave(participantId);
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

    /// <summary>
    /// Who may receive what <paramref name="participantId"/> publishes (<see cref="IMediaRoom.SetAudience"/>): set before
    /// it first offers, so its tracks never reach anyone outside <paramref name="receivers"/>; null lifts the rule.
    /// </summary>
    public void SetAudience(string participantId, string[]? receivers)
    {
        _audiences[participantId] = receivers;
        _room?.SetAudience(participantId, receivers);
    }

    /// <summary>
    /// Whether what the participant publishes reaches only some (a supervisor who did not barge in, even after it left):
    /// news of its media is then for staff alone.
    /// </summary>
    public bool IsRestricted(string participantId) => _audiences.TryGetValue(participantId, out var receivers) && receivers is not null;

    /// <summary>Whether the participant is in the room (offered, connected or not yet).</summary>
    public bool IsPresent(string participantId) => _room?.Participants.Any(p => p.ParticipantId == participantId) == true;

    /// <summary>The tracks the participant publishes in the room now.</summary>
    public IReadOnlyList<MediaTrackInfo> TracksOf(string participantId) =>
        _room?.Participants.FirstOrDefault(p => p.ParticipantId == participantId)?.Published ?? [];

    /// <summary>A WHIP or WHEP resource joined the room for <paramref name="ownerId"/>, who alone (or staff) ends it.</summary>
    public void AddResource(string resourceId, string ownerId) => _resourceOwners[resourceId] = ownerId;

    public string? OwnerOf(string resourceId) => _resourceOwners.GetValueOrDefault(resourceId);

    /// <summary>Ends a WHIP or WHEP resource: it leaves the room.</summary>
    public void EndResource(string resourceId)
    {
        _resourceOwners.Remove(resourceId);
        Leave(resourceId);
    }

    public void Leave(string participantId)
    {
        _room?.Leave(participantId);
        _connected.Remove(participantId);
    }

    /// <summary>The room reported that a participant's media arrived.</summary>
    public void Connected(string participantId) => _connected.Add(participantId);

    /// <summary>The room reported that a participant (or resource) left it.</summary>
    public void Left(string participantId)
    {
        _connected.Remove(participantId);
        _resourceOwners.Remove(participantId);
    }

    public void Close()
    {
        if (_room is not { } room) return;
        room.Changed -= _handler;
        media.CloseRoom(room.Id);
        _room = null;
        _handler = null;
        _connected.Clear();
        _resourceOwners.Clear();
        _fingerprints.Clear();
        _keepAlive?.Dispose();
        _keepAlive = null;
    }

    private IMediaRoom Ensure(string callId)
    {
        if (_room is { } existing && existing.Id == callId) return existing;
        Close();
        var room = media.CreateRoom(callId);
        _handler = (_, e) =>
        {
            if (ToChange(e) is { } change) report(change);
        };
        room.Changed += _handler;
        foreach (var (publisher, receivers) in _audiences) room.SetAudience(publisher, receivers);
        _room = room;
        _keepAlive = keepAlive();
        return room;
    }

    private static MediaChange? ToChange(MediaRoomEvent e) => e switch
    {
        ParticipantConnected c => new MediaChange(c.RoomId, c.ParticipantId, MediaChangeKind.Connected, null, null, null),
        ParticipantLeft l => new MediaChange(l.RoomId, l.ParticipantId, MediaChangeKind.Left, null, null, l.Reason),
        TrackPublished p => new MediaChange(p.RoomId, p.ParticipantId, MediaChangeKind.TrackPublished, p.Track.TrackId, Kind(p.Track.Kind), null),
        TrackUnpublished u => new MediaChange(u.RoomId, u.ParticipantId, MediaChangeKind.TrackUnpublished, u.Track.TrackId, Kind(u.Track.Kind), null),
        _ => null, // joined: the offer's answer already said so
    };

    private static CallMedia Kind(MediaKind kind) => kind == MediaKind.Video ? CallMedia.Video : CallMedia.Audio;

    [GeneratedRegex(@"^a=fingerprint:([^\r\n]+)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex FingerprintLine();
}
