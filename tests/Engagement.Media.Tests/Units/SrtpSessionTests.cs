using System.Buffers.Binary;
using Engagement.Media.Srtp;

namespace Engagement.Media.Tests.Units;

/// <summary>SRTP/SRTCP behaviour both profiles must share: round trip, rollover, replay and tamper rejection, concurrency.</summary>
public class SrtpSessionTests
{
    public static TheoryData<int> Profiles => new() { (int)SrtpProfile.Aes128CmHmacSha1_80, (int)SrtpProfile.AeadAes128Gcm };

    private static (SrtpSession Sender, SrtpSession Receiver) Pair(int profileNumber)
    {
        var profile = (SrtpProfile)profileNumber;
        var key = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
        var salt = Enumerable.Range(100, profile.MasterSaltLength()).Select(i => (byte)i).ToArray();
        return (SrtpSession.Create(profile, key, salt), SrtpSession.Create(profile, key, salt));
    }

    private static byte[] Header(ushort seq, uint ssrc = 0x11223344)
    {
        var header = new byte[12];
        header[0] = 0x80;
        header[1] = 96;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), seq);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), seq * 3000u);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(8), ssrc);
        return header;
    }

    private static byte[] Payload(int seed) => Enumerable.Range(0, 200).Select(i => (byte)(i * 7 + seed)).ToArray();

    [Theory, MemberData(nameof(Profiles))]
    public void Rtp_round_trips_across_the_sequence_rollover(int profile)
    {
        var (sender, receiver) = Pair(profile);
        var buffer = new byte[1500];
        for (var n = 0; n < 200; n++)
        {
            var seq = (ushort)(65_436 + n); // crosses 65535 -> 0 after 100 packets
            var length = sender.ProtectRtp(Header(seq), Payload(n), buffer);
            var packet = buffer[..length];
            Assert.Equal(SrtpError.None, receiver.UnprotectRtp(packet, out var plain));
            Assert.Equal(Header(seq).Concat(Payload(n)).ToArray(), packet[..plain]);
        }
    }

    [Theory, MemberData(nameof(Profiles))]
    public void A_replayed_packet_is_rejected_and_a_late_one_inside_the_window_accepted(int profile)
    {
        var (sender, receiver) = Pair(profile);
        var packets = Enumerable.Range(0, 10).Select(n =>
        {
            var buffer = new byte[1500];
            return buffer[..sender.ProtectRtp(Header((ushort)(1000 + n)), Payload(n), buffer)];
        }).ToArray();
        foreach (var i in new[] { 0, 1, 2, 5, 6 }) Assert.Equal(SrtpError.None, receiver.UnprotectRtp((byte[])packets[i].Clone(), out _));
        Assert.Equal(SrtpError.Replayed, receiver.UnprotectRtp((byte[])packets[5].Clone(), out _));
        Assert.Equal(SrtpError.None, receiver.UnprotectRtp((byte[])packets[3].Clone(), out _)); // late, in window
        Assert.Equal(SrtpError.Replayed, receiver.UnprotectRtp((byte[])packets[3].Clone(), out _));
    }

    [Theory, MemberData(nameof(Profiles))]
    public void A_tampered_packet_fails_authentication_and_does_not_advance_state(int profile)
    {
        var (sender, receiver) = Pair(profile);
        var buffer = new byte[1500];
        var packet = buffer[..sender.ProtectRtp(Header(7), Payload(7), buffer)];
        var tampered = (byte[])packet.Clone();
        tampered[20] ^= 0x01;
        Assert.Equal(SrtpError.AuthenticationFailed, receiver.UnprotectRtp(tampered, out _));
        Assert.Equal(SrtpError.None, receiver.UnprotectRtp(packet, out _));
    }

    [Theory, MemberData(nameof(Profiles))]
    public void Rtcp_round_trips_and_replays_are_rejected(int profile)
    {
        var (sender, receiver) = Pair(profile);
        var rtcp = new byte[12];
        Engagement.Media.Rtp.RtcpWriter.PictureLossIndication(rtcp, 0xAABBCCDD, 0x01020304);
        var buffer = new byte[200];
        var packet = buffer[..sender.ProtectRtcp(rtcp, buffer)];
        Assert.Equal(12 + sender.RtcpOverhead, packet.Length);
        var decrypted = (byte[])packet.Clone();
        Assert.Equal(SrtpError.None, receiver.UnprotectRtcp(decrypted, out var length));
        Assert.Equal(rtcp, decrypted[..length]);
        Assert.Equal(SrtpError.Replayed, receiver.UnprotectRtcp((byte[])packet.Clone(), out _));
    }

    [Theory, MemberData(nameof(Profiles))]
    public void One_context_shared_by_two_threads_stays_consistent(int profile)
    {
        var (sender, receiver) = Pair(profile);
        var produced = new System.Collections.Concurrent.ConcurrentBag<byte[]>();
        Parallel.For(0, 2, thread =>
        {
            var buffer = new byte[1500];
            for (var n = 0; n < 500; n++)
            {
                var ssrc = 0x1000u + (uint)thread;
                produced.Add(buffer[..sender.ProtectRtp(Header((ushort)n, ssrc), Payload(n), buffer)]);
            }
        });
        var accepted = produced.OrderBy(p => BinaryPrimitives.ReadUInt16BigEndian(p.AsSpan(2)))
            .Count(p => receiver.UnprotectRtp(p, out _) == SrtpError.None);
        Assert.Equal(1000, accepted);
    }

    [Fact]
    public void Replay_window_slides_and_forgets_what_fell_out()
    {
        var window = new SrtpReplayWindow();
        window.Accept(100);
        Assert.False(window.IsFresh(100));
        Assert.True(window.IsFresh(99));
        window.Accept(100 + SrtpReplayWindow.Size);
        Assert.False(window.IsFresh(100)); // now outside the window: too old
        Assert.True(window.IsFresh(101 + SrtpReplayWindow.Size));
    }

    [Fact]
    public void Rollover_counter_estimation_follows_rfc3711_appendix_a()
    {
        var state = new SrtpStreamState();
        state.Update(state.EstimateIndex(65_500));
        Assert.Equal(65_536L + 5, state.EstimateIndex(5));      // wrapped forward: ROC + 1
        state.Update(65_536L + 5);
        Assert.Equal(1u, state.RolloverCounter);
        Assert.Equal(65_530L, state.EstimateIndex(65_530));     // late packet from before the wrap: ROC - 1
    }
}
