using System.Collections.Concurrent;
using Engagement.Client;
using Engagement.Media.Tests.Peers;
using ClientCallTrack = Engagement.Client.CallTrack;

namespace Engagement.FunctionalTests.Calls;

/// <summary>
/// aiortc as one side of a session's call, signaling through the .NET client: each exchange (an offer sent with
/// <c>CallOffer</c>, the answer applied) runs alone, since the aiortc process speaks one line protocol. aiortc 1.4
/// cannot restart ICE on a peer connection, so its "ICE restart" is a new peer connection (new ICE credentials and
/// DTLS certificate), which the session takes in place of the old one.
/// </summary>
public sealed class AiortcCaller(AiortcPeer peer, EngagementConnection connection, string sessionId)
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>Sends the offer aiortc made at start.</summary>
    public Task FirstOfferAsync(CancellationToken cancellationToken) => ExchangeAsync(null, cancellationToken);

    /// <summary>Protocol step 5 (or 4): offer again with new ICE credentials.</summary>
    public Task RestartAsync(CancellationToken cancellationToken) => ExchangeAsync("restart", cancellationToken);

    /// <summary>Protocol step 3: the other side published a track; offer again on the same connection to receive it.</summary>
    public Task RenegotiateAsync(CancellationToken cancellationToken) => ExchangeAsync("reoffer", cancellationToken);

    /// <summary>RTP packets aiortc's current peer connection has received (audio and video), and which connection that is (0 first).</summary>
    public async Task<(int Generation, long Received)> ReceivedAsync()
    {
        await _turn.WaitAsync();
        try
        {
            await peer.SendAsync(new { type = "stats" });
            var stats = await peer.ReadAsync("stats", CancellationToken.None);
            return ((int)stats["generation"]!, stats["packetsReceived"]!.AsObject().Sum(kind => (long)kind.Value!));
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Renegotiates whenever <paramref name="otherId"/> publishes a track after the first <paramref name="skip"/> events.</summary>
    public async Task FollowTracksAsync(ConcurrentQueue<ClientCallTrack> tracks, int skip, string otherId, CancellationToken cancellationToken)
    {
        var seen = skip;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var all = tracks.ToArray();
                if (all.Length > seen)
                {
                    var fresh = all[seen..];
                    seen = all.Length;
                    if (fresh.Any(t => t.ParticipantId == otherId && t.Published)) await RenegotiateAsync(cancellationToken);
                }
                await Task.Delay(100, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ExchangeAsync(string? command, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            if (command is not null) await peer.SendAsync(new { type = command });
            var offer = await peer.ReadAsync("offer", cancellationToken);
            // InvokeAsync retries 'unavailable' (the session's new activation may not exist yet) and lost connections.
            var answer = await connection.InvokeAsync<string>("CallOffer", [sessionId, (string)offer["sdp"]!], cancellationToken);
            await peer.SendAsync(new { type = "answer", sdp = answer });
        }
        finally
        {
            _turn.Release();
        }
    }
}
