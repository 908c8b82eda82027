using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Engagement.Media.Srtp;

/// <summary>
/// AES_CM_128_HMAC_SHA1_80 (RFC 3711 §4.1.1, §4.2.1): AES counter mode with an 80-bit HMAC-SHA1 tag
/// over the header, encrypted payload and ROC (for SRTCP: the E|index word instead of the ROC).
/// </summary>
internal sealed class SrtpAesCmSession : SrtpSession
{
    private const int TagLength = 10;
    private readonly AesCounterMode _rtpCipher, _rtcpCipher;
    private readonly IncrementalHash _rtpMac, _rtcpMac;
    private readonly byte[] _rtpSalt, _rtcpSalt;
    private readonly byte[] _iv = new byte[16];
    private readonly byte[] _mac = new byte[20];

    public SrtpAesCmSession(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt)
    {
        _rtpCipher = new AesCounterMode(SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyDerivation.RtpEncryption, 16));
        _rtpMac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1,
            SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyDerivation.RtpAuthentication, 20));
        _rtpSalt = SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyDerivation.RtpSalt, 14);
        _rtcpCipher = new AesCounterMode(SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyDerivation.RtcpEncryption, 16));
        _rtcpMac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1,
            SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyDerivation.RtcpAuthentication, 20));
        _rtcpSalt = SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyDerivation.RtcpSalt, 14);
    }

    public override int RtpOverhead => TagLength;
    protected override int RtcpIndexPosition => TagLength;

    protected override int EncryptRtp(uint ssrc, long index, int headerLength, ReadOnlySpan<byte> payload, Span<byte> output)
    {
        BuildIv(_rtpSalt, ssrc, index);
        _rtpCipher.Transform(_iv, payload, output.Slice(headerLength, payload.Length));
        var authenticated = headerLength + payload.Length;
        RtpTag(output[..authenticated], (uint)(index >> 16), output.Slice(authenticated, TagLength));
        return payload.Length + TagLength;
    }

    protected override int DecryptRtp(uint ssrc, long index, int headerLength, Span<byte> packet)
    {
        var authenticated = packet.Length - TagLength;
        Span<byte> tag = stackalloc byte[TagLength];
        RtpTag(packet[..authenticated], (uint)(index >> 16), tag);
        if (!CryptographicOperations.FixedTimeEquals(tag, packet[authenticated..])) return -1;
        BuildIv(_rtpSalt, ssrc, index);
        var payload = packet[headerLength..authenticated];
        _rtpCipher.Transform(_iv, payload, payload);
        return authenticated;
    }

    protected override int EncryptRtcp(uint ssrc, uint index, ReadOnlySpan<byte> packet, Span<byte> output)
    {
        packet[..8].CopyTo(output);
        BuildIv(_rtcpSalt, ssrc, index);
        _rtcpCipher.Transform(_iv, packet[8..], output[8..packet.Length]);
        BinaryPrimitives.WriteUInt32BigEndian(output[packet.Length..], index | 0x80000000);
        var authenticated = packet.Length + SrtcpIndexLength;
        RtcpTag(output[..authenticated], output.Slice(authenticated, TagLength));
        return authenticated + TagLength;
    }

    protected override int DecryptRtcp(uint ssrc, uint index, bool encrypted, Span<byte> packet)
    {
        var authenticated = packet.Length - TagLength;
        Span<byte> tag = stackalloc byte[TagLength];
        RtcpTag(packet[..authenticated], tag);
        if (!CryptographicOperations.FixedTimeEquals(tag, packet[authenticated..])) return -1;
        var plainLength = authenticated - SrtcpIndexLength;
        if (encrypted)
        {
            BuildIv(_rtcpSalt, ssrc, index);
            var body = packet[8..plainLength];
            _rtcpCipher.Transform(_iv, body, body);
        }
        return plainLength;
    }

    /// <summary>IV = (salt·2^16) XOR (SSRC·2^64) XOR (index·2^16) (RFC 3711 §4.1.1).</summary>
    private void BuildIv(byte[] salt, uint ssrc, long index)
    {
        var iv = _iv.AsSpan();
        salt.CopyTo(iv);
        iv[14] = iv[15] = 0;
        iv[4] ^= (byte)(ssrc >> 24); iv[5] ^= (byte)(ssrc >> 16); iv[6] ^= (byte)(ssrc >> 8); iv[7] ^= (byte)ssrc;
        for (var i = 0; i < 6; i++) iv[13 - i] ^= (byte)(index >> (8 * i));
    }

    private void RtpTag(ReadOnlySpan<byte> authenticated, uint roc, Span<byte> tag)
    {
        Span<byte> rocBytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(rocBytes, roc);
        _rtpMac.AppendData(authenticated);
        _rtpMac.AppendData(rocBytes);
        _rtpMac.GetHashAndReset(_mac);
        _mac.AsSpan(0, TagLength).CopyTo(tag);
    }

    private void RtcpTag(ReadOnlySpan<byte> authenticated, Span<byte> tag)
    {
        _rtcpMac.AppendData(authenticated);
        _rtcpMac.GetHashAndReset(_mac);
        _mac.AsSpan(0, TagLength).CopyTo(tag);
    }

    public override void Dispose()
    {
        _rtpCipher.Dispose();
        _rtcpCipher.Dispose();
        _rtpMac.Dispose();
        _rtcpMac.Dispose();
    }
}
