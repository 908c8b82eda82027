using System.Numerics;
using System.Security.Cryptography;

namespace Engagement.Media.Srtp;

/// <summary>
/// AES in counter mode as SRTP uses it (RFC 3711 §4.1.1): keystream block i is AES(IV + i) with the
/// counter in the low 16 bits. The BCL has no CTR mode, so counter blocks are encrypted with a
/// cached ECB transform (one key schedule per session, no allocation per packet). Not thread-safe.
/// </summary>
internal sealed class AesCounterMode : IDisposable
{
    public const int MaxLength = 65536;
    private readonly Aes _aes;
    private readonly ICryptoTransform _ecb;
    private byte[] _counters = new byte[2048];
    private byte[] _keystream = new byte[2048];

    public AesCounterMode(ReadOnlySpan<byte> key)
    {
        _aes = Aes.Create();
        _aes.Key = key.ToArray();
        _aes.Mode = CipherMode.ECB;
        _aes.Padding = PaddingMode.None;
        _ecb = _aes.CreateEncryptor();
    }

    /// <summary>output = input XOR keystream(iv); input and output may be the same span.</summary>
    public void Transform(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (input.Length == 0) return;
        var blocks = (input.Length + 15) / 16;
        var bytes = blocks * 16;
        if (bytes > _counters.Length)
        {
            // Rare (jumbo datagrams): grow once and keep the larger buffers.
            _counters = new byte[bytes];
            _keystream = new byte[bytes];
        }
        var counters = _counters.AsSpan(0, bytes);
        for (var b = 0; b < blocks; b++)
        {
            var block = counters.Slice(b * 16, 16);
            iv[..16].CopyTo(block);
            var low = (block[14] << 8 | block[15]) + b;
            block[14] = (byte)(low >> 8);
            block[15] = (byte)low;
            if (low > 0xFFFF) PropagateCarry(block);
        }
        _ecb.TransformBlock(_counters, 0, bytes, _keystream, 0);
        Xor(input, _keystream.AsSpan(0, input.Length), output);
    }

    private static void Xor(ReadOnlySpan<byte> input, ReadOnlySpan<byte> keystream, Span<byte> output)
    {
        var i = 0;
        var width = Vector<byte>.Count;
        for (; i <= input.Length - width; i += width)
        {
            (new Vector<byte>(input[i..]) ^ new Vector<byte>(keystream[i..])).CopyTo(output[i..]);
        }
        for (; i < input.Length; i++) output[i] = (byte)(input[i] ^ keystream[i]);
    }

    private static void PropagateCarry(Span<byte> block)
    {
        for (var i = 13; i >= 0; i--)
        {
            if (++block[i] != 0) break;
        }
    }

    public void Dispose()
    {
        _ecb.Dispose();
        _aes.Dispose();
    }
}
