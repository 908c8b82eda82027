namespace Engagement.Media;

/// <summary>
/// An SFU room: each participant publishes audio and/or video and receives the others'.
/// The participant always offers; the room answers. A participant receives a remote track on an
/// m-line it offers with a receive direction (recvonly or sendrecv); when <see cref="Changed"/>
/// reports a new track, it adds such an m-line if it has none free and renegotiates.
/// </summary>
public interface IMediaRoom
{
    string Id { get; }

    IReadOnlyList<MediaParticipantInfo> Participants { get; }

    /// <summary>Raised after joins, connects, leaves, publishes and unpublishes; never under the room's lock.</summary>
    event EventHandler<MediaRoomEvent>? Changed;

    /// <summary>Adds a participant from its SDP offer and returns the SDP answer.</summary>
    /// <exception cref="MediaNegotiationException">The offer cannot be accepted or the id is taken.</exception>
    Task<string> JoinAsync(string participantId, string sdpOffer, CancellationToken cancellationToken = default);

    /// <summary>
    /// A new offer from a joined participant: tracks added or removed, receive slots added, or an
    /// ICE restart (new ice-ufrag/ice-pwd). Returns the answer.
    /// </summary>
    Task<string> RenegotiateAsync(string participantId, string sdpOffer, CancellationToken cancellationToken = default);

    /// <summary>Removes a participant and its tracks; false if it was not in the room.</summary>
    bool Leave(string participantId);

    /// <summary>
    /// The forwarding rule for the tracks <paramref name="participantId"/> publishes (now or later, even before it joins):
    /// only the participants in <paramref name="receivers"/> may receive them; null lifts the rule (everyone may). A
    /// participant left out gets no subscription to those tracks in its answers, and one it already had is dropped at
    /// once (its m-line goes inactive with its next offer).
    /// </summary>
    void SetAudience(string participantId, IReadOnlyCollection<string>? receivers);
}
