using System.Buffers.Binary;

namespace Engagement.Media.Rtp;

/// <summary>Reads the feedback control information of NACK, FIR and REMB messages.</summary>
internal static class RtcpFeedback
{
    /// <summary>Calls <paramref name="lost"/> for every sequence number a generic NACK names (RFC 4585 §6.2.1).</summary>
    public static void ForEachNacked<TState>(ReadOnlySpan<byte> fci, TState state, Action<TState, ushort> lost)
    {
        for (var i = 0; i + 4 <= fci.Length; i += 4)
        {
            var pid = BinaryPrimitives.ReadUInt16BigEndian(fci[i..]);
            var blp = BinaryPrimitives.ReadUInt16BigEndian(fci[(i + 2)..]);
            lost(state, pid);
            for (var bit = 0; bit < 16; bit++)
            {
                if ((blp & (1 << bit)) != 0) lost(state, (ushort)(pid + bit + 1));
            }
        }
    }

    /// <summary>The SSRCs a FIR asks a key frame of (RFC 5104 §4.3.1.1): 8-byte entries.</summary>
    public static int FirTargets(ReadOnlySpan<byte> fci, Span<uint> ssrcs)
    {
        var count = 0;
        for (var i = 0; i + 8 <= fci.Length && count < ssrcs.Length; i += 8)
        {
            ssrcs[count++] = BinaryPrimitives.ReadUInt32BigEndian(fci[i..]);
        }
        return count;
    }

    /// <summary>A REMB's bitrate, or -1 if the application feedback is not a well-formed REMB.</summary>
    public static long RembBitrate(ReadOnlySpan<byte> fci)
    {
        if (fci.Length < 8 || !fci[..4].SequenceEqual("REMB"u8)) return -1;
        var count = fci[4];
        if (fci.Length < 8 + 4 * count) return -1;
        var exponent = fci[5] >> 2;
        var mantissa = ((fci[5] & 3) << 16) | BinaryPrimitives.ReadUInt16BigEndian(fci[6..]);
        return exponent > 46 ? long.MaxValue : (long)mantissa << exponent;
    }
}
