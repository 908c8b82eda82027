using System.Text;
using CsCheck;
using Engagement.Media.Dtls;
using Engagement.Media.Rtp;
using Engagement.Media.Sdp;
using Engagement.Media.Srtp;
using Engagement.Media.Stun;

namespace Engagement.Media.Tests.Fuzz;

/// <summary>
/// Random and malformed input to every parser: each must return a rejection (or a value), never
/// throw anything but its documented rejection, never read out of bounds, never hang.
/// </summary>
public class ParserFuzzTests
{
    private const long Iterations = 20_000;

    private static readonly byte[] StunSeed = Hex.Parse(@"
        00 01 00 58 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
        80 22 00 10 53 54 55 4e 20 74 65 73 74 20 63 6c 69 65 6e 74
        00 24 00 04 6e 00 01 ff 80 29 00 08 93 2f f9 b1 51 26 3b 36
        00 06 00 09 65 76 74 6a 3a 68 36 76 59 20 20 20
        00 08 00 14 9a ea a7 0c bf d8 cb 56 78 1e f2 b5 b2 d3 f2 49 c1 b5 71 a2
        80 28 00 04 e5 7a 3b cf");

    // An RTP packet with CSRC and a one-byte header extension, and a padded one.
    private static readonly byte[] RtpSeed = Hex.Parse("91 e0 12 34 00 00 10 00 de ad be ef 00 00 00 01 be de 00 01 10 ff 00 00 01 02 03 04");
    private static readonly byte[] RtpPaddedSeed = Hex.Parse("a0 60 00 01 00 00 00 01 00 00 00 02 aa bb 00 00 03");

    private static byte[] RtcpSeed()
    {
        var buffer = new byte[256];
        var length = RtcpWriter.ReceiverReport(buffer, 1, [new RtcpReportBlock(2, 10, 5, 1000, 3, 4, 5)]);
        length += RtcpWriter.Remb(buffer.AsSpan(length), 1, 2_000_000, [2u, 3u]);
        length += RtcpWriter.Nack(buffer.AsSpan(length), 1, 2, 100, 0x8001);
        length += RtcpWriter.FullIntraRequest(buffer.AsSpan(length), 1, 2, 7);
        length += RtcpWriter.PictureLossIndication(buffer.AsSpan(length), 1, 2);
        return buffer[..length];
    }

    private static readonly byte[] DtlsSeed = Hex.Parse(@"16 fe fd 00 00 00 00 00 00 00 00 00 10
        01 00 00 04 00 00 00 00 00 00 00 04 fe fd 00 00 15 fe fd 00 01 00 00 00 00 00 01 00 02 02 28");

    [Fact]
    public void Stun_parser_rejects_cleanly() => Bounded.Run(() =>
        Gen.OneOf(Mutations.RandomBytes, Mutations.Of(StunSeed)).Sample(data =>
        {
            var error = StunMessage.TryParse(data, out var message);
            if (error == StunParseError.None)
            {
                _ = message.VerifyIntegrity("VOkJxbRl1RmTxUk/WvJxBt"u8);
                _ = message.Username.Length;
                if (message.XorMappedAddressOffset >= 0)
                    _ = StunAddress.DecodeXorMapped(message.Raw.Slice(message.XorMappedAddressOffset, message.XorMappedAddressLength), message.TransactionId);
            }
        }, iter: Iterations));

    [Fact]
    public void Rtp_parser_rejects_cleanly() => Bounded.Run(() =>
        Gen.OneOf(Mutations.RandomBytes, Mutations.Of(RtpSeed, RtpPaddedSeed)).Sample(data =>
        {
            if (RtpHeader.TryParse(data, out var header))
            {
                Assert.InRange(header.HeaderLength, RtpHeader.FixedLength, data.Length);
                Assert.InRange(header.PayloadLength(data), -1, data.Length - header.HeaderLength);
            }
        }, iter: Iterations));

    [Fact]
    public void Rtcp_reader_and_feedback_readers_reject_cleanly() => Bounded.Run(() =>
        Gen.OneOf(Mutations.RandomBytes, Mutations.Of(RtcpSeed())).Sample(data =>
        {
            var reader = new RtcpCompoundReader(data);
            var packets = 0;
            Span<uint> targets = stackalloc uint[8];
            while (reader.TryRead(out var packet))
            {
                packets++;
                _ = packet.SenderSsrc + packet.MediaSsrc;
                var blocks = packet.ReportBlocks;
                for (var i = 0; i + RtcpReportBlock.Length <= blocks.Length; i += RtcpReportBlock.Length) RtcpReportBlock.Read(blocks[i..]);
                RtcpFeedback.ForEachNacked(packet.Fci, 0, static (_, _) => { });
                RtcpFeedback.FirTargets(packet.Fci, targets);
                RtcpFeedback.RembBitrate(packet.Fci);
            }
            Assert.True(packets <= data.Length / 4 + 1);
        }, iter: Iterations));

    [Fact]
    public void Dtls_record_header_rejects_cleanly() => Bounded.Run(() =>
        Gen.OneOf(Mutations.RandomBytes, Mutations.Of(DtlsSeed)).Sample(data =>
        {
            if (DtlsRecordHeader.TryParse(data, out var header)) Assert.InRange(header.Length, 0, data.Length - DtlsRecordHeader.Size);
            _ = DtlsRecordHeader.IsWellFormedDatagram(data);
        }, iter: Iterations));

    [Theory]
    [InlineData((int)SrtpProfile.Aes128CmHmacSha1_80)]
    [InlineData((int)SrtpProfile.AeadAes128Gcm)]
    public void Srtp_unprotect_rejects_forgeries_cleanly(int profileNumber) => Bounded.Run(() =>
    {
        var profile = (SrtpProfile)profileNumber;
        var key = new byte[16];
        var salt = new byte[profile.MasterSaltLength()];
        using var sender = SrtpSession.Create(profile, key, salt);
        using var receiver = SrtpSession.Create(profile, key, salt);
        var protectedRtp = new byte[1600];
        var rtpLength = sender.ProtectRtp(RtpSeed.AsSpan(0, 20), RtpSeed.AsSpan(20), protectedRtp);
        var protectedRtcp = new byte[1600];
        var rtcp = RtcpSeed();
        var rtcpLength = sender.ProtectRtcp(rtcp, protectedRtcp);
        Gen.OneOf(Mutations.RandomBytes, Mutations.Of(protectedRtp[..rtpLength], protectedRtcp[..rtcpLength])).Sample(data =>
        {
            var copy = (byte[])data.Clone();
            var error = RtpHeader.IsRtcp(copy) ? receiver.UnprotectRtcp(copy, out _) : receiver.UnprotectRtp(copy, out _);
            if (!data.AsSpan().SequenceEqual(protectedRtp.AsSpan(0, rtpLength)) && !data.AsSpan().SequenceEqual(protectedRtcp.AsSpan(0, rtcpLength)))
                Assert.NotEqual(SrtpError.None, error);
        }, iter: Iterations, threads: 1);
    });

    [Fact]
    public void Sdp_parser_rejects_with_its_own_exception_only() => Bounded.Run(() =>
    {
        var seed = Encoding.ASCII.GetBytes(SampleOffers.Chromium);
        Gen.OneOf(Mutations.RandomBytes, Mutations.Of(seed)).Sample(data =>
        {
            try
            {
                SdpParser.Parse(Encoding.Latin1.GetString(data));
            }
            catch (SdpParseException)
            {
            }
        }, iter: Iterations);
    });

    [Fact]
    public void Sdp_parser_rejects_random_lines_with_its_own_exception_only() => Bounded.Run(() =>
    {
        var lines = SampleOffers.Chromium.Split("\r\n");
        Gen.Select(Gen.Int[0, lines.Length - 1], Gen.String[Gen.Char.AlphaNumeric, 0, 40], Gen.Int[0, 4], (at, noise, kind) =>
        {
            var copy = lines.ToList();
            switch (kind)
            {
                case 0: copy[at] = copy[at][..Math.Min(copy[at].Length, noise.Length % 12)] + noise; break;
                case 1: copy.Insert(at, "a=" + noise); break;
                case 2: copy.RemoveAt(at); break;
                case 3: copy[at] = copy[at].Replace(' ', ':'); break;
                default: copy[at] = "m=" + noise; break;
            }
            return string.Join("\r\n", copy);
        }).Sample(text =>
        {
            try
            {
                SdpParser.Parse(text);
            }
            catch (SdpParseException)
            {
            }
        }, iter: Iterations);
    });
}
