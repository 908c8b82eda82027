using Engagement.LoadTests.Hubs;
using Engagement.LoadTests.Measurement;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.LoadTests.Relay;

/// <summary>
/// Two client connections to the relay hub: the receiver records latency and checks continuity; the
/// sender forwards to the receiver's connection id and is acknowledged by the hub's completion.
/// </summary>
internal sealed class RelayPair(Uri hubUrl, LoadMetrics metrics) : ILoadSender, IAsyncDisposable
{
    private readonly HubConnection _sender = HubConnections.Create(hubUrl);
    private readonly HubConnection _receiver = HubConnections.Create(hubUrl);
    private string _receiverId = "";
    private long _highestAcked;
    private volatile bool _disposing;

    public SeqTracker Continuity { get; } = new();

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        _receiver.On<string>(RelayHub.ReceiveMethod, OnReceived);
        _receiver.Closed += OnClosed;
        _sender.Closed += OnClosed;
        await _receiver.StartAsync(cancellationToken);
        await _sender.StartAsync(cancellationToken);
        _receiverId = await _receiver.InvokeAsync<string>(nameof(RelayHub.Hello), cancellationToken);
    }

    /// <summary>Highest message number the hub acknowledged; everything up to it should reach the receiver.</summary>
    public long HighestAcked => Interlocked.Read(ref _highestAcked);

    public async Task SendAsync(long seq, string text)
    {
        await _sender.InvokeAsync(nameof(RelayHub.Forward), _receiverId, text).ConfigureAwait(false);
        Atomic.Max(ref _highestAcked, seq);
    }

    private void OnReceived(string payload)
    {
        if (!MessageStamp.TryParse(payload, out var seq, out var sentTicks)) return;
        metrics.OnDelivered(sentTicks);
        Continuity.Observe(seq);
    }

    private Task OnClosed(Exception? error) => _disposing ? Task.CompletedTask : metrics.OnConnectionLost(error);

    public async ValueTask DisposeAsync()
    {
        _disposing = true;
        await _sender.DisposeAsync();
        await _receiver.DisposeAsync();
    }
}
