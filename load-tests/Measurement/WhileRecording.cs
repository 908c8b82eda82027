namespace Engagement.LoadTests.Measurement;

/// <summary>
/// Reading an HdrHistogram that other threads still record into (the live progress reads the second that just ended;
/// a straggler can arrive while the report is written): its iterators throw when a value lands mid-read. A reading is
/// retried a few times, then given up rather than failing the run.
/// </summary>
internal static class WhileRecording
{
    private const int Attempts = 5;

    public static T Read<T>(Func<T> read, T fallback)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            try
            {
                return read();
            }
            catch (InvalidOperationException) when (attempt < Attempts)
            {
                Thread.Yield();
            }
            catch (InvalidOperationException)
            {
                break;
            }
        }
        return fallback;
    }
}
