using System.Diagnostics;
using Engagement.Media.Ice;
using Engagement.Media.Sdp;
using Engagement.Media.Transport;

namespace Engagement.Media.Sfu;

/// <summary>
/// An SFU room (<see cref="IMediaRoom"/>): membership and negotiation under one lock, events raised
/// after the lock is released. Forwarding itself never takes this lock.
/// </summary>
internal sealed class SfuRoom : IMediaRoom
{
    private readonly SfuEngine _engine;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Participant> _participants = new();
    /// <summary>Forwarding rules by publisher (<see cref="SetAudience"/>); a publisher without one reaches everyone.</summary>
    private readonly Dictionary<string, HashSet<string>> _audiences = new(StringComparer.Ordinal);
    private volatile Participant[] _snapshot = [];
    private bool _closed;

    private readonly RoomEvents _events;

    public SfuRoom(SfuEngine engine, string id)
    {
        _engine = engine;
        Id = id;
        _events = new RoomEvents(engine, id);
    }

    public string Id { get; }
    internal SfuEngine Engine => _engine;

    public event EventHandler<MediaRoomEvent>? Changed
    {
        add => _events.Changed += value;
        remove => _events.Changed -= value;
    }
    internal Participant[] Members => _snapshot;

    public IReadOnlyList<MediaParticipantInfo> Participants => _snapshot.Select(p => new MediaParticipantInfo(p.Id, p.Connected,
        p.Published.Select(t => t.Info).ToList(), p.DownTracks.Select(d => d.Source.Info.TrackId).ToList())).ToList();

    public Task<string> JoinAsync(string participantId, string sdpOffer, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(participantId)) throw new MediaNegotiationException("participant id is empty");
        var offer = Parse(sdpOffer);
        var ice = offer.IceCredentials ?? throw new MediaNegotiationException("offer has no ice-ufrag/ice-pwd");
        var fingerprint = offer.RemoteFingerprint ?? throw new MediaNegotiationException("offer has no a=fingerprint");
        var events = new List<MediaRoomEvent>();
        string answer;
        lock (_lock)
        {
            if (_closed) throw new MediaNegotiationException($"room {Id} is closed");
            if (_participants.ContainsKey(participantId)) throw new MediaNegotiationException($"{participantId} is already in room {Id}");
            var participant = new Participant(this, participantId);
            participant.Negotiation.FingerprintAlgorithm = fingerprint.Algorithm;
            participant.Negotiation.Fingerprint = fingerprint.Value;
            participant.Transport = new PeerTransport(_engine.Mux, new IceCredentials(ice.Ufrag, ice.Pwd), _engine.Certificate,
                fingerprint, _engine.HandshakePool, participant, $"{participantId} in room {Id}");
            try
            {
                answer = Negotiate(participant, offer, events);
            }
            catch
            {
                participant.Transport.Dispose();
                throw;
            }
            _participants.Add(participantId, participant);
            _snapshot = _participants.Values.ToArray();
            events.Insert(0, new ParticipantJoined(Id, participantId));
        }
        SfuLog.ParticipantJoined(_engine.Logger, participantId, Id);
        Raise(events);
        return Task.FromResult(answer);
    }

    public Task<string> RenegotiateAsync(string participantId, string sdpOffer, CancellationToken cancellationToken = default)
    {
        var offer = Parse(sdpOffer);
        var ice = offer.IceCredentials ?? throw new MediaNegotiationException("offer has no ice-ufrag/ice-pwd");
        var events = new List<MediaRoomEvent>();
        string answer;
        lock (_lock)
        {
            if (!_participants.TryGetValue(participantId, out var participant))
                throw new MediaNegotiationException($"{participantId} is not in room {Id}");
            var fingerprint = offer.RemoteFingerprint;
            if (fingerprint is null || !string.Equals(fingerprint.Value.Value, participant.Negotiation.Fingerprint, StringComparison.OrdinalIgnoreCase))
                throw new MediaNegotiationException("the DTLS fingerprint changed; rejoin instead");
            var transport = participant.Transport;
            if (ice.Ufrag != transport.Ice.Remote.Ufrag || ice.Pwd != transport.Ice.Remote.Password)
                transport.RestartIce(new IceCredentials(ice.Ufrag, ice.Pwd));
            answer = Negotiate(participant, offer, events);
        }
        Raise(events);
        return Task.FromResult(answer);
    }

    public bool Leave(string participantId) => Leave(participantId, "left");

    public void SetAudience(string participantId, IReadOnlyCollection<string>? receivers)
    {
        lock (_lock)
        {
            if (receivers is null)
            {
                _audiences.Remove(participantId);
                return;
            }
            var audience = new HashSet<string>(receivers, StringComparer.Ordinal);
            _audiences[participantId] = audience;
            if (!_participants.TryGetValue(participantId, out var publisher)) return;
            // Narrowed: whoever may no longer receive these tracks stops now, not at their next offer.
            foreach (var track in publisher.Published)
                foreach (var down in track.DownTracks.Where(d => !audience.Contains(d.Subscriber.Id)))
                    RoomTracks.Unsubscribe(down);
        }
    }

    /// <summary>Whether <paramref name="subscriber"/> may receive <paramref name="track"/> (room lock held).</summary>
    private bool MayReceive(PublishedTrack track, Participant subscriber) =>
        !_audiences.TryGetValue(track.Owner.Id, out var audience) || audience.Contains(subscriber.Id);

    private bool Leave(string participantId, string reason)
    {
        if (!Take(participantId, expected: null, reason)) return false;
        SfuLog.ParticipantLeft(_engine.Logger, participantId, Id, reason);
        return true;
    }

    /// <summary>
    /// The room removes a participant by itself (its peer lost consent, never connected, or failed DTLS): only if
    /// the room still holds that very participant, since one that rejoined under the same id since is not concerned.
    /// Logged at Information and counted by <paramref name="tag"/>, unlike a leave the host asked for.
    /// </summary>
    internal bool Remove(Participant participant, string reason, string tag)
    {
        if (!Take(participant.Id, participant, reason)) return false;
        _engine.Metrics.ParticipantRemoved(tag);
        SfuLog.ParticipantRemoved(_engine.Logger, participant.Id, Id, reason);
        return true;
    }

    /// <summary>Removes the participant (with <paramref name="expected"/>, only that instance) and raises the events.</summary>
    private bool Take(string participantId, Participant? expected, string reason)
    {
        var events = new List<MediaRoomEvent>();
        lock (_lock)
        {
            if (!_participants.TryGetValue(participantId, out var participant)) return false;
            if (expected is not null && !ReferenceEquals(participant, expected)) return false;
            _participants.Remove(participantId);
            _snapshot = _participants.Values.ToArray();
            RoomTracks.RemoveParticipant(participant, _participants.Values, events, Id);
            participant.Transport?.Dispose();
            events.Add(new ParticipantLeft(Id, participantId, reason));
        }
        Raise(events);
        return true;
    }

    internal void Close()
    {
        string[] ids;
        lock (_lock)
        {
            _closed = true;
            ids = _participants.Keys.ToArray();
        }
        foreach (var id in ids) Leave(id, "room closed");
    }

    internal void OnParticipantConnected(Participant participant)
    {
        // A participant that was replaced (or left) before its handshake finished is nobody's media any more.
        lock (_lock)
        {
            if (!_participants.TryGetValue(participant.Id, out var current) || !ReferenceEquals(current, participant)) return;
        }
        SfuLog.ParticipantConnected(_engine.Logger, participant.Id, Id);
        Raise([new ParticipantConnected(Id, participant.Id)]);
    }

    /// <summary>Consent and connect deadlines (RFC 7675 §5.1): called by the engine's report timer.</summary>
    internal void CheckLiveness(MediaEngineOptions options)
    {
        foreach (var participant in _snapshot)
        {
            var transport = participant.Transport;
            if (participant.Connected && transport.Ice.SinceLastConsent > options.ConsentTimeout)
                Remove(participant, "consent expired", "consent_expired");
            else if (!participant.Connected && Stopwatch.GetElapsedTime(participant.JoinedAt) > options.ConnectTimeout)
                Remove(participant, "did not connect", "did_not_connect");
        }
    }

    private string Negotiate(Participant participant, SessionDescription offer, List<MediaRoomEvent> events)
    {
        var others = _participants.Values.Where(p => p != participant);
        var sections = RoomTracks.Apply(participant, offer, others, track => MayReceive(track, participant), _engine.Options.SimulatedVideoLoss, events, Id);
        participant.Negotiation.Version++;
        return SdpAnswerWriter.Write(participant.Negotiation.SessionId, participant.Negotiation.Version, sections,
            participant.Transport.Ice.Local.Ufrag, participant.Transport.Ice.Local.Password, _engine.Certificate.Fingerprint, _engine.AdvertisedEndPoint);
    }

    private static SessionDescription Parse(string sdp)
    {
        if (sdp is null) throw new MediaNegotiationException("no SDP offer");
        try
        {
            var offer = SdpParser.Parse(sdp);
            var setup = offer.Setup ?? offer.Media.FirstOrDefault(m => m.Setup is not null)?.Setup;
            if (setup == "passive") throw new MediaNegotiationException("offer asks us to be the DTLS client (setup:passive); we are passive");
            return offer;
        }
        catch (SdpParseException e)
        {
            throw new MediaNegotiationException("malformed SDP offer: " + e.Message, e);
        }
    }

    private void Raise(IEnumerable<MediaRoomEvent> events) => _events.Raise(this, events);
}
