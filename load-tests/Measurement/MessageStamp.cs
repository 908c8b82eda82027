using System.Globalization;

namespace Engagement.LoadTests.Measurement;

/// <summary>
/// The text every load message carries: "seq|stopwatch-ticks|padding". Sender and receiver live in the same
/// process, so the receiver subtracts the sender's <see cref="System.Diagnostics.Stopwatch"/> timestamp from
/// its own: no clock synchronisation is involved. The padding brings the text to a chat-like size and
/// contains no spaces (the product trims message text).
/// </summary>
internal static class MessageStamp
{
    public static string Format(long seq, long sentTicks, int size)
    {
        var head = string.Create(CultureInfo.InvariantCulture, $"{seq}|{sentTicks}|");
        return head.Length >= size ? head + "x" : head + new string('x', size - head.Length);
    }

    public static bool TryParse(string? text, out long seq, out long sentTicks)
    {
        seq = sentTicks = 0;
        if (text is null) return false;
        var span = text.AsSpan();
        var first = span.IndexOf('|');
        if (first <= 0) return false;
        var rest = span[(first + 1)..];
        var second = rest.IndexOf('|');
        return second > 0
            && long.TryParse(span[..first], NumberStyles.None, CultureInfo.InvariantCulture, out seq)
            && long.TryParse(rest[..second], NumberStyles.None, CultureInfo.InvariantCulture, out sentTicks);
    }
}
