using CsCheck;

namespace Engagement.Media.Tests.Fuzz;

/// <summary>Generators of hostile input: random bytes, and valid messages with bytes flipped, cut or appended.</summary>
internal static class Mutations
{
    public static readonly Gen<byte[]> RandomBytes = Gen.Byte.Array[0, 1600];

    public static Gen<byte[]> Of(params byte[][] seeds) =>
        Gen.Select(Gen.Int[0, seeds.Length - 1], Gen.Int[0, 3], Gen.Int[0, 1 << 20], Gen.Byte.Array[1, 16], (which, kind, position, noise) =>
        {
            var seed = seeds[which];
            var data = (byte[])seed.Clone();
            if (data.Length == 0) return noise;
            var at = position % data.Length;
            switch (kind)
            {
                case 0: // flip bytes
                    for (var i = 0; i < noise.Length && at + i < data.Length; i++) data[at + i] ^= noise[i];
                    return data;
                case 1: // truncate
                    return data[..at];
                case 2: // append garbage
                    return [.. data, .. noise];
                default: // overwrite a length-looking field with noise
                    if (at + 1 < data.Length)
                    {
                        data[at] = noise[0];
                        data[at + 1] = noise[^1];
                    }
                    return data;
            }
        });
}
