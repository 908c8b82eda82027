namespace Engagement.LoadTests.Measurement;

/// <summary>One sending connection: a relay pair's sender or a visitor in a conversation.</summary>
internal interface ILoadSender
{
    /// <summary>Sends message number <paramref name="seq"/> (1, 2, ...) with <paramref name="text"/>; completes on the server's acknowledgement.</summary>
    Task SendAsync(long seq, string text);
}
