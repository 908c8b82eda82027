using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Engagement.Media.Srtp;

/// <summary>
/// AEAD_AES_128_GCM for SRTP and SRTCP (RFC 7714): the RTP header (for SRTCP the first 8 octets and
/// the E|index word) is associated data; the 16-octet tag follows the ciphertext.
/// </summary>
internal sealed class SrtpAeadGcmSession : SrtpSession
{
    private const int TagLength = 16;
    private readonly AesGcm _rtp, _rtcp;
    private readonly byte[] _rtpSalt, _rtcpSalt;

    public SrtpAeadGcmSession(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt)
    {
        _rtp = new AesGcm(SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyDerivation.RtpEncryption, 16), TagLength);
        _rtpSalt = SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyDerivation.RtpSalt, 12);
        _rtcp = new AesGcm(SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyDerivation.RtcpEncryption, 16), TagLength);
        _rtcpSalt = SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyDerivation.RtcpSalt, 12);
    }

    public override int RtpOverhead => TagLength;
    protected override int RtcpIndexPosition => 0;

    protected override int EncryptRtp(uint ssrc, long index, int headerLength, ReadOnlySpan<byte> payload, Span<byte> output)
    {
        Span<byte> iv = stackalloc byte[12];
        RtpIv(iv, _rtpSalt, ssrc, index);
        _rtp.Encrypt(iv, payload, output.Slice(headerLength, payload.Length),
            output.Slice(headerLength + payload.Length, TagLength), output[..headerLength]);
        return payload.Length + TagLength;
    }

    protected override int DecryptRtp(uint ssrc, long index, int headerLength, Span<byte> packet)
    {
        Span<byte> iv = stackalloc byte[12];
        RtpIv(iv, _rtpSalt, ssrc, index);
        var end = packet.Length - TagLength;
        var body = packet[headerLength..end];
        try
        {
            _rtp.Decrypt(iv, body, packet[end..], body, packet[..headerLength]);
        }
        catch (AuthenticationTagMismatchException)
        {
            return -1;
        }
        return end;
    }

    protected override int EncryptRtcp(uint ssrc, uint index, ReadOnlySpan<byte> packet, Span<byte> output)
    {
        Span<byte> iv = stackalloc byte[12];
        Span<byte> aad = stackalloc byte[12];
        RtcpIv(iv, _rtcpSalt, ssrc, index);
        packet[..8].CopyTo(aad);
        BinaryPrimitives.WriteUInt32BigEndian(aad[8..], index | 0x80000000);
        packet[..8].CopyTo(output);
        var bodyLength = packet.Length - 8;
        _rtcp.Encrypt(iv, packet[8..], output.Slice(8, bodyLength), output.Slice(packet.Length, TagLength), aad);
        aad[8..].CopyTo(output[(packet.Length + TagLength)..]);
        return packet.Length + TagLength + SrtcpIndexLength;
    }

    protected override int DecryptRtcp(uint ssrc, uint index, bool encrypted, Span<byte> packet)
    {
        Span<byte> iv = stackalloc byte[12];
        Span<byte> aad = stackalloc byte[12];
        RtcpIv(iv, _rtcpSalt, ssrc, index);
        packet[..8].CopyTo(aad);
        packet[^SrtcpIndexLength..].CopyTo(aad[8..]);
        var end = packet.Length - SrtcpIndexLength - TagLength;
        if (!encrypted) return -1; // RFC 7714 unencrypted SRTCP is not offered by browsers; refuse it.
        var body = packet[8..end];
        try
        {
            _rtcp.Decrypt(iv, body, packet.Slice(end, TagLength), body, aad);
        }
        catch (AuthenticationTagMismatchException)
        {
            return -1;
        }
        return end;
    }

    /// <summary>SRTP IV = salt XOR (0x0000 || SSRC || ROC || SEQ) (RFC 7714 §8.1).</summary>
    private static void RtpIv(Span<byte> iv, byte[] salt, uint ssrc, long index)
    {
        iv[0] = iv[1] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(iv[2..], ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(iv[6..], (uint)(index >> 16));
        BinaryPrimitives.WriteUInt16BigEndian(iv[10..], (ushort)index);
        for (var i = 0; i < 12; i++) iv[i] ^= salt[i];
    }

    /// <summary>SRTCP IV = salt XOR (0x0000 || SSRC || 0x0000 || 0 || SRTCP index) (RFC 7714 §9.1).</summary>
    private static void RtcpIv(Span<byte> iv, byte[] salt, uint ssrc, uint index)
    {
        iv[0] = iv[1] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(iv[2..], ssrc);
        iv[6] = iv[7] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(iv[8..], index & 0x7FFFFFFF);
        for (var i = 0; i < 12; i++) iv[i] ^= salt[i];
    }

    public override void Dispose()
    {
        _rtp.Dispose();
        _rtcp.Dispose();
    }
}
