using Engagement.Media.Sdp;

namespace Engagement.Media.Sfu;

/// <summary>
/// Applies an offer to the room's tracks (room lock held): what the participant publishes on each
/// m-line, which remote track each of its receiving m-lines carries, and the resulting answer
/// sections. Subscriptions stay on their m-line across renegotiations until their source goes away (or the
/// room's forwarding rule for it leaves the participant out).
/// </summary>
internal static class RoomTracks
{
    /// <param name="mayReceive">The room's forwarding rule: whether the participant may receive a track of another.</param>
    public static List<AnswerSection> Apply(Participant participant, SessionDescription offer, IEnumerable<Participant> others,
        Func<PublishedTrack, bool> mayReceive, double simulatedLoss, List<MediaRoomEvent> events, string roomId)
    {
        var sections = new List<AnswerSection>();
        var mids = new HashSet<string>();
        var state = participant.Negotiation;
        foreach (var media in offer.Media)
        {
            var codec = Accepts(media, offer, mids) ? ChooseCodec(media) : null;
            if (codec is null)
            {
                if (media.Mid is not null && !mids.Contains(media.Mid)) Withdraw(participant, media.Mid, events, roomId);
                sections.Add(new AnswerSection(media, null, MediaDirection.Inactive, null));
                continue;
            }
            var mid = media.Mid!;
            var kind = media.Kind == "audio" ? MediaKind.Audio : MediaKind.Video;
            var direction = MediaDirection.Inactive;

            if (media.Direction.HasFlag(MediaDirection.Send))
            {
                Publish(participant, media, codec, kind, events, roomId);
                direction |= MediaDirection.Receive;
            }
            else if (state.PublishedByMid.TryGetValue(mid, out var gone))
            {
                Unpublish(gone, events, roomId);
            }

            SendingTrack? sending = null;
            if (media.Direction.HasFlag(MediaDirection.Receive))
            {
                var down = Subscribe(participant, mid, kind, codec, others, mayReceive, simulatedLoss);
                if (down is not null)
                {
                    direction |= MediaDirection.Send;
                    sending = new SendingTrack(down.Ssrc, SdpToken.Sanitize(down.Source.Owner.Id), SdpToken.Sanitize(down.Source.Info.TrackId));
                }
            }
            else if (state.SubscribedByMid.TryGetValue(mid, out var down))
            {
                Unsubscribe(down);
            }
            sections.Add(new AnswerSection(media, codec, direction, sending));
        }
        foreach (var mid in state.PublishedByMid.Keys.Concat(state.SubscribedByMid.Keys).Where(m => !mids.Contains(m)).ToList())
            Withdraw(participant, mid, events, roomId);
        return sections;
    }

    /// <summary>An m-line we can carry: RTP over DTLS-SRTP with feedback, muxed RTCP, a unique mid, in the BUNDLE group.</summary>
    private static bool Accepts(SdpMedia media, SessionDescription offer, HashSet<string> mids) =>
        media.IsRtp && (media.Port != 0 || media.BundleOnly) && media.Mid is not null && media.RtcpMux &&
        media.Protocol.Contains("SAVPF", StringComparison.Ordinal) &&
        (offer.BundleMids.Count == 0 ? offer.Media.Count == 1 : offer.BundleMids.Contains(media.Mid)) &&
        mids.Add(media.Mid);

    private static SdpCodec? ChooseCodec(SdpMedia media) =>
        media.Kind == "audio" ? media.FindCodec("opus", 48000) : media.FindCodec("VP8", 90000);

    private static void Publish(Participant participant, SdpMedia media, SdpCodec codec, MediaKind kind,
        List<MediaRoomEvent> events, string roomId)
    {
        var state = participant.Negotiation;
        var ssrc = media.Ssrcs.Count > 0 ? media.Ssrcs[0] : 0;
        if (state.PublishedByMid.TryGetValue(media.Mid!, out var track))
        {
            if (track.Kind == kind)
            {
                track.PayloadType = codec.PayloadType;
                if (ssrc != 0) track.Ssrc = ssrc;
                return;
            }
            Unpublish(track, events, roomId);
        }
        track = new PublishedTrack(participant, media.Mid!, kind, codec.PayloadType, codec.ClockRate, ssrc);
        state.PublishedByMid[media.Mid!] = track;
        participant.Published = [.. participant.Published, track];
        events.Add(new TrackPublished(roomId, participant.Id, track.Info));
    }

    private static DownTrack? Subscribe(Participant participant, string mid, MediaKind kind, SdpCodec codec,
        IEnumerable<Participant> others, Func<PublishedTrack, bool> mayReceive, double simulatedLoss)
    {
        var state = participant.Negotiation;
        if (state.SubscribedByMid.TryGetValue(mid, out var existing))
        {
            if (existing.Source.Kind == kind)
            {
                existing.PayloadType = codec.PayloadType;
                return existing;
            }
            Unsubscribe(existing);
        }
        var subscribed = participant.DownTracks.Select(d => d.Source).ToHashSet();
        var source = others.SelectMany(o => o.Published).FirstOrDefault(t => t.Kind == kind && !subscribed.Contains(t) && mayReceive(t));
        if (source is null) return null;
        var down = new DownTrack(participant, source, mid, codec.PayloadType, NewSsrc(), simulatedLoss);
        state.SubscribedByMid[mid] = down;
        participant.DownTracks = [.. participant.DownTracks, down];
        source.AddDownTrack(down);
        source.RequestKeyFrame();
        return down;
    }

    public static void Unsubscribe(DownTrack down)
    {
        var subscriber = down.Subscriber;
        down.Source.RemoveDownTrack(down);
        subscriber.DownTracks = subscriber.DownTracks.Where(d => d != down).ToArray();
        subscriber.Negotiation.SubscribedByMid.Remove(down.Mid);
    }

    public static void Unpublish(PublishedTrack track, List<MediaRoomEvent> events, string roomId)
    {
        var owner = track.Owner;
        owner.Published = owner.Published.Where(t => t != track).ToArray();
        owner.Negotiation.PublishedByMid.Remove(track.Mid);
        foreach (var down in track.DownTracks) Unsubscribe(down);
        events.Add(new TrackUnpublished(roomId, owner.Id, track.Info));
    }

    public static void RemoveParticipant(Participant participant, IEnumerable<Participant> remaining, List<MediaRoomEvent> events, string roomId)
    {
        foreach (var track in participant.Published.ToArray()) Unpublish(track, events, roomId);
        foreach (var down in participant.DownTracks.ToArray()) Unsubscribe(down);
    }

    private static void Withdraw(Participant participant, string mid, List<MediaRoomEvent> events, string roomId)
    {
        if (participant.Negotiation.PublishedByMid.TryGetValue(mid, out var track)) Unpublish(track, events, roomId);
        if (participant.Negotiation.SubscribedByMid.TryGetValue(mid, out var down)) Unsubscribe(down);
    }

    private static uint NewSsrc() => (uint)Random.Shared.NextInt64(1, uint.MaxValue);
}
