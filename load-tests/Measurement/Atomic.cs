namespace Engagement.LoadTests.Measurement;

internal static class Atomic
{
    /// <summary>Raises <paramref name="target"/> to <paramref name="value"/> if it is lower, lock-free.</summary>
    public static void Max(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current) return;
            current = seen;
        }
    }
}
