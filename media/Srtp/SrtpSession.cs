using System.Buffers.Binary;
using Engagement.Media.Rtp;

namespace Engagement.Media.Srtp;

/// <summary>
/// One direction of an SRTP/SRTCP cryptographic context (RFC 3711 §3.2) for every SSRC of a peer:
/// index estimation, replay protection and the transform of the negotiated profile. Protect and
/// unprotect are serialized by a lock so the packet thread and the RTCP timer can share a context.
/// </summary>
internal abstract class SrtpSession : IDisposable
{
    /// <summary>A peer may not make us hold state for more of its SSRCs than this (inbound contexts).</summary>
    public const int MaxStreams = 64;

    /// <summary>Inbound contexts cap the SSRCs a peer can create; outbound ones carry our own SSRCs, one per track sent.</summary>
    public int StreamLimit { get; init; } = MaxStreams;
    public const int SrtcpIndexLength = 4;

    private readonly Dictionary<uint, SrtpStreamState> _streams = new();
    private readonly Lock _lock = new();

    /// <summary>Bytes SRTP adds to an RTP packet.</summary>
    public abstract int RtpOverhead { get; }

    /// <summary>Bytes SRTCP adds to an RTCP packet.</summary>
    public int RtcpOverhead => RtpOverhead + SrtcpIndexLength;

    public static SrtpSession Create(SrtpProfile profile, ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt,
        int streamLimit = MaxStreams) =>
        profile switch
        {
            SrtpProfile.Aes128CmHmacSha1_80 => new SrtpAesCmSession(masterKey, masterSalt) { StreamLimit = streamLimit },
            SrtpProfile.AeadAes128Gcm => new SrtpAeadGcmSession(masterKey, masterSalt) { StreamLimit = streamLimit },
            _ => throw new ArgumentOutOfRangeException(nameof(profile)),
        };

    /// <summary>Writes header + encrypted payload + tag to <paramref name="output"/>; returns its length.</summary>
    public int ProtectRtp(ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload, Span<byte> output)
    {
        var ssrc = BinaryPrimitives.ReadUInt32BigEndian(header[8..]);
        var seq = BinaryPrimitives.ReadUInt16BigEndian(header[2..]);
        lock (_lock)
        {
            var stream = GetStream(ssrc) ?? throw new InvalidOperationException("too many SRTP streams");
            var index = stream.EstimateIndex(seq);
            if (index < 0) index = seq;
            stream.Update(index);
            header.CopyTo(output);
            return header.Length + EncryptRtp(ssrc, index, header.Length, payload, output);
        }
    }

    /// <summary>Authenticates and decrypts in place; on success <paramref name="length"/> is the plain packet's length.</summary>
    public SrtpError UnprotectRtp(Span<byte> packet, out int length)
    {
        length = 0;
        if (packet.Length < RtpHeader.FixedLength + RtpOverhead) return SrtpError.Malformed;
        if (!RtpHeader.TryParse(packet[..^RtpOverhead], out var header)) return SrtpError.Malformed;
        lock (_lock)
        {
            var stream = GetStream(header.Ssrc);
            if (stream is null) return SrtpError.TooManyStreams;
            var index = stream.EstimateIndex(header.SequenceNumber);
            if (index < 0 || !stream.RtpReplay.IsFresh(index)) return SrtpError.Replayed;
            var plainLength = DecryptRtp(header.Ssrc, index, header.HeaderLength, packet);
            if (plainLength < 0) return SrtpError.AuthenticationFailed;
            stream.RtpReplay.Accept(index);
            stream.Update(index);
            length = plainLength;
            return SrtpError.None;
        }
    }

    public int ProtectRtcp(ReadOnlySpan<byte> packet, Span<byte> output)
    {
        var ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);
        lock (_lock)
        {
            var stream = GetStream(ssrc) ?? throw new InvalidOperationException("too many SRTP streams");
            var index = stream.NextRtcpIndex;
            stream.NextRtcpIndex = (index + 1) & 0x7FFFFFFF;
            return EncryptRtcp(ssrc, index, packet, output);
        }
    }

    public SrtpError UnprotectRtcp(Span<byte> packet, out int length)
    {
        length = 0;
        if (packet.Length < 8 + RtcpOverhead) return SrtpError.Malformed;
        var ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);
        var word = BinaryPrimitives.ReadUInt32BigEndian(packet[^(RtcpIndexPosition + SrtcpIndexLength)..]);
        var index = word & 0x7FFFFFFF;
        var encrypted = (word & 0x80000000) != 0;
        lock (_lock)
        {
            var stream = GetStream(ssrc);
            if (stream is null) return SrtpError.TooManyStreams;
            if (!stream.RtcpReplay.IsFresh(index)) return SrtpError.Replayed;
            var plainLength = DecryptRtcp(ssrc, index, encrypted, packet);
            if (plainLength < 0) return SrtpError.AuthenticationFailed;
            stream.RtcpReplay.Accept(index);
            length = plainLength;
            return SrtpError.None;
        }
    }

    /// <summary>Where the E|SRTCP-index word sits, counted from the end (before the tag for CM, last for GCM).</summary>
    protected abstract int RtcpIndexPosition { get; }
    protected abstract int EncryptRtp(uint ssrc, long index, int headerLength, ReadOnlySpan<byte> payload, Span<byte> output);
    protected abstract int DecryptRtp(uint ssrc, long index, int headerLength, Span<byte> packet);
    protected abstract int EncryptRtcp(uint ssrc, uint index, ReadOnlySpan<byte> packet, Span<byte> output);
    protected abstract int DecryptRtcp(uint ssrc, uint index, bool encrypted, Span<byte> packet);

    private SrtpStreamState? GetStream(uint ssrc)
    {
        if (_streams.TryGetValue(ssrc, out var stream)) return stream;
        if (_streams.Count >= StreamLimit) return null;
        stream = new SrtpStreamState();
        _streams[ssrc] = stream;
        return stream;
    }

    public abstract void Dispose();
}
