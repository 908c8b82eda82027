using System.Net;
using Engagement.Media.Sdp;
using Engagement.Media.Tests.Fuzz;

namespace Engagement.Media.Tests.Units;

/// <summary>Offer/answer rules of the room, checked on Chromium's captured offer.</summary>
public sealed class NegotiationTests : IDisposable
{
    private readonly IMediaEngine _engine = MediaEngine.Start(new MediaEngineOptions { BindAddress = IPAddress.Loopback });

    [Fact]
    public async Task Answer_is_ice_lite_dtls_passive_bundled_with_opus_and_vp8()
    {
        var answer = SdpParser.Parse(await _engine.CreateRoom("r").JoinAsync("a", SampleOffers.Chromium));
        Assert.True(answer.IceLite);
        Assert.Equal(["0", "1", "2", "3"], answer.BundleMids);
        Assert.All(answer.Media, m =>
        {
            Assert.True(m.RtcpMux);
            Assert.Equal("passive", m.Setup);
            Assert.Equal(_engine.LocalEndPoint.Port, m.Port);
            Assert.Single(m.Codecs);
        });
        Assert.Equal("opus", answer.Media[0].Codecs[0].Name);
        Assert.Equal("VP8", answer.Media[1].Codecs[0].Name);
        Assert.Contains("nack", answer.Media[1].Codecs[0].Feedback);
        Assert.Contains("goog-remb", answer.Media[1].Codecs[0].Feedback);
        // Alone in the room: we receive its two tracks and have nothing to send on its receive m-lines.
        Assert.Equal([MediaDirection.Receive, MediaDirection.Receive, MediaDirection.Inactive, MediaDirection.Inactive],
            answer.Media.Select(m => m.Direction));
    }

    [Fact]
    public async Task A_second_participant_receives_the_first_ones_tracks_with_their_own_ssrcs()
    {
        var room = _engine.CreateRoom("r");
        await room.JoinAsync("a", SampleOffers.Chromium);
        var answer = SdpParser.Parse(await room.JoinAsync("b", WithOtherIdentity(SampleOffers.Chromium)));
        Assert.Equal(MediaDirection.Send, answer.Media[2].Direction);
        Assert.Equal(MediaDirection.Send, answer.Media[3].Direction);
        Assert.Single(answer.Media[2].Ssrcs);
        Assert.Equal(["a-0", "a-1"], room.Participants.Single(p => p.ParticipantId == "b").SubscribedTrackIds);
    }

    [Fact]
    public async Task Unsupported_codecs_are_rejected_per_m_line_not_per_offer()
    {
        var offer = SampleOffers.Chromium.Replace("VP8/90000", "XYZ/90000");
        var answer = SdpParser.Parse(await _engine.CreateRoom("r").JoinAsync("a", offer));
        Assert.Equal(0, answer.Media[1].Port);
        Assert.DoesNotContain("1", answer.BundleMids);
        Assert.Equal(_engine.LocalEndPoint.Port, answer.Media[0].Port);
    }

    [Fact]
    public async Task Bundle_only_m_lines_with_port_zero_are_accepted_on_the_bundle()
    {
        // Firefox's style: every m-line but the first offered with port 0 and a=bundle-only.
        var lines = SampleOffers.Chromium.Split("\r\n").ToList();
        var videoLine = lines.FindIndex(l => l.StartsWith("m=video", StringComparison.Ordinal));
        lines[videoLine] = lines[videoLine].Replace("m=video 9 ", "m=video 0 ");
        lines.Insert(videoLine + 1, "a=bundle-only");
        var answer = SdpParser.Parse(await _engine.CreateRoom("r").JoinAsync("a", string.Join("\r\n", lines)));
        Assert.Equal(_engine.LocalEndPoint.Port, answer.Media[1].Port);
        Assert.Contains("1", answer.BundleMids);
    }

    [Theory]
    [InlineData("a=setup:actpass", "a=setup:passive", "DTLS client")]
    [InlineData("a=ice-ufrag:", "a=x-ufrag:", "ice-ufrag")]
    [InlineData("a=fingerprint:", "a=x-fingerprint:", "fingerprint")]
    [InlineData("v=0", "v=1", "v=0")]
    public async Task Offers_we_cannot_serve_get_a_clear_error(string from, string to, string reason)
    {
        var error = await Assert.ThrowsAsync<MediaNegotiationException>(() =>
            _engine.CreateRoom("r").JoinAsync("a", SampleOffers.Chromium.Replace(from, to)));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public async Task Joining_twice_or_renegotiating_a_stranger_is_refused()
    {
        var room = _engine.CreateRoom("r");
        await room.JoinAsync("a", SampleOffers.Chromium);
        await Assert.ThrowsAsync<MediaNegotiationException>(() => room.JoinAsync("a", SampleOffers.Chromium));
        await Assert.ThrowsAsync<MediaNegotiationException>(() => room.RenegotiateAsync("zed", SampleOffers.Chromium));
    }

    [Fact]
    public async Task Removing_a_track_in_renegotiation_unpublishes_it_and_raises_an_event()
    {
        var room = _engine.CreateRoom("r");
        var events = new List<MediaRoomEvent>();
        room.Changed += (_, e) => events.Add(e);
        await room.JoinAsync("a", SampleOffers.Chromium);
        // Chromium's answer to removeTrack: the video m-line (the second a=sendonly) turns inactive.
        var firstSendOnly = SampleOffers.Chromium.IndexOf("a=sendonly", StringComparison.Ordinal);
        var videoSendOnly = SampleOffers.Chromium.IndexOf("a=sendonly", firstSendOnly + 1, StringComparison.Ordinal);
        var withoutVideo = SampleOffers.Chromium[..videoSendOnly] + "a=inactive" + SampleOffers.Chromium[(videoSendOnly + "a=sendonly".Length)..];
        await room.RenegotiateAsync("a", withoutVideo);
        Assert.Contains(events, e => e is TrackUnpublished { Track.TrackId: "a-1" });
        Assert.Equal(["a-0"], room.Participants.Single().Published.Select(t => t.TrackId));
    }

    [Fact]
    public async Task Closing_a_room_makes_everyone_leave()
    {
        var room = _engine.CreateRoom("r");
        var left = new List<string>();
        room.Changed += (_, e) => { if (e is ParticipantLeft l) left.Add(l.ParticipantId); };
        await room.JoinAsync("a", SampleOffers.Chromium);
        Assert.True(_engine.CloseRoom("r"));
        Assert.Equal(["a"], left);
        Assert.Null(_engine.GetRoom("r"));
    }

    /// <summary>A second peer's offer: other ICE credentials (the ufrag routes STUN), same shape.</summary>
    internal static string WithOtherIdentity(string offer) =>
        offer.Replace(SdpText(offer, "a=ice-ufrag:"), "b0b0").Replace(SdpText(offer, "a=ice-pwd:"), "bbbbbbbbbbbbbbbbbbbbbbbb");

    private static string SdpText(string sdp, string prefix)
    {
        var start = sdp.IndexOf(prefix, StringComparison.Ordinal) + prefix.Length;
        return sdp[start..sdp.IndexOf('\r', start)];
    }

    public void Dispose() => _engine.Dispose();
}
