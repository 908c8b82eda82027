using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Playwright;

namespace Engagement.FunctionalTests.Web;

/// <summary>
/// The hub WebSockets of a browser context, taken over with Playwright's WebSocket routing and relayed to the
/// nodes, frame by frame, as a load balancer in front of them would relay them: each new connection goes to the
/// first node in <see cref="Order"/> that accepts it (a draining node refuses with 503, so it lands on the
/// next). Pages keep their one address; only the relay knows the nodes. A test can also drop a page's
/// connections (the network failing under it) or one frame on its way to the page (a lost event).
/// </summary>
public sealed class HubBalancer : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly ConcurrentDictionary<Link, byte> _links = new();
    // Rules on records going to pages (true: drop it), watchers of records coming from pages and rules on them (true:
    // the connection fails under it); all under this lock.
    private readonly List<Func<JsonElement, bool>> _dropRules = [];
    private readonly List<Action<JsonElement>> _pageRules = [];
    private readonly List<Func<JsonElement, bool>> _breakRules = [];

    private HubBalancer(IEnumerable<Uri> nodes) => Order = [.. nodes];

    /// <summary>The nodes, in the order a new connection tries them.</summary>
    public List<Uri> Order { get; }

    /// <summary>Connections relayed so far (open or not), for a test to count and inspect.</summary>
    public IReadOnlyCollection<Link> Links => _links.Keys.ToList();

    /// <summary>Routes the hub WebSockets of every page of <paramref name="context"/> (call before opening pages).</summary>
    public static async Task<HubBalancer> AttachAsync(IBrowserContext context, params Uri[] nodes)
    {
        var balancer = new HubBalancer(nodes);
        await context.RouteWebSocketAsync(url => url.Contains("/hubs/", StringComparison.Ordinal), balancer.Relay);
        return balancer;
    }

    /// <summary>Open connections to <paramref name="node"/> (all nodes when null) of one hub ("visitor", "agent").</summary>
    public IReadOnlyList<Link> Open(string hub, Uri? node = null) =>
        _links.Keys.Where(l => l.IsOpen && l.Hub == hub && (node is null || l.Node == node)).ToList();

    /// <summary>Drops every open connection of a hub at once, as a network failure would: both ends see it close.</summary>
    public async Task DropAsync(string hub)
    {
        foreach (var link in Open(hub)) await link.BreakAsync();
    }

    /// <summary>
    /// Drops, once, the first hub event sent to a page whose target is <paramref name="target"/> and whose first
    /// argument matches <paramref name="match"/> (e.g. the `message` with seq 7 of a session).
    /// </summary>
    public void DropEventOnce(string target, Func<JsonElement, bool> match)
    {
        var dropped = false;
        lock (_dropRules)
        {
            _dropRules.Add(record =>
            {
                if (dropped || !record.TryGetProperty("type", out var type) || type.GetInt32() != 1) return false;
                if (record.GetProperty("target").GetString() != target) return false;
                var args = record.GetProperty("arguments");
                if (args.GetArrayLength() == 0 || !match(args[0])) return false;
                dropped = true;
                return true;
            });
        }
    }

    /// <summary>
    /// Drops, once, the answer to the first invocation of <paramref name="method"/> a page makes from now on (the
    /// call stays unanswered, as when a connection dies just before the answer); returns that answer.
    /// </summary>
    public Task<JsonElement> SwallowAnswerOnce(string method)
    {
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        string? invocationId = null;
        lock (_dropRules)
        {
            _pageRules.Add(record =>
            {
                if (invocationId is null && record.TryGetProperty("type", out var type) && type.GetInt32() == 1
                    && record.TryGetProperty("target", out var target) && target.GetString() == method
                    && record.TryGetProperty("invocationId", out var id))
                    invocationId = id.GetString();
            });
            _dropRules.Add(record =>
            {
                if (invocationId is null || answer.Task.IsCompleted || !record.TryGetProperty("type", out var type) || type.GetInt32() != 3) return false;
                if (record.GetProperty("invocationId").GetString() != invocationId) return false;
                answer.TrySetResult(record.TryGetProperty("result", out var result) ? result.Clone() : default);
                return true;
            });
        }
        return answer.Task;
    }

    /// <summary>
    /// The next invocation of <paramref name="method"/> a page makes is lost with its connection: the frame carrying
    /// it never reaches the node and the connection breaks at once, as when the network fails under a call. The
    /// page's call fails with the dropped connection, and the page reconnects.
    /// </summary>
    public void BreakOnInvocation(string method)
    {
        var broken = false;
        lock (_dropRules)
        {
            _breakRules.Add(record =>
            {
                if (broken || !record.TryGetProperty("type", out var type) || type.GetInt32() != 1) return false;
                if (!record.TryGetProperty("target", out var target) || target.GetString() != method) return false;
                broken = true;
                return true;
            });
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var link in _links.Keys) await link.BreakAsync();
    }

    private void Relay(IWebSocketRoute page)
    {
        // Not connecting the route to its own server: Playwright opens the page's socket at once and this relay is
        // its server. Frames the page sends before a node is chosen wait in the link's queue.
        var link = new Link(this, page);
        _links[link] = 0;
        _ = link.RunAsync();
    }

    /// <summary>What goes to the page: the frame's records less those a drop rule takes; null when none is left.</summary>
    private string? ToPage(string frame)
    {
        lock (_dropRules)
        {
            if (_dropRules.Count == 0) return frame;
            var kept = new StringBuilder();
            foreach (var text in frame.Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                using var record = JsonDocument.Parse(text);
                if (!_dropRules.Any(rule => rule(record.RootElement))) kept.Append(text).Append(RecordSeparator);
            }
            return kept.Length == 0 ? null : kept.ToString();
        }
    }

    /// <summary>Shows a frame from a page to the watchers; false when a break rule takes it (the connection then fails).</summary>
    private bool FromPage(string frame)
    {
        lock (_dropRules)
        {
            if (_pageRules.Count == 0 && _breakRules.Count == 0) return true;
            foreach (var text in frame.Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                try
                {
                    using var record = JsonDocument.Parse(text);
                    foreach (var rule in _pageRules) rule(record.RootElement);
                    if (_breakRules.Any(rule => rule(record.RootElement))) return false;
                }
                catch (JsonException)
                {
                    // not a JSON record (cannot happen with the JSON protocol; ignore rather than break the relay)
                }
            }
            return true;
        }
    }

    /// <summary>One page connection and its relay to a node.</summary>
    public sealed class Link(HubBalancer balancer, IWebSocketRoute page)
    {
        private ClientWebSocket _node = new();
        private readonly Channel<string> _toNode = Channel.CreateUnbounded<string>(new() { SingleReader = true });
        private readonly CancellationTokenSource _stop = new();
        private int _closed;

        public string Hub { get; } = new Uri(page.Url).AbsolutePath.TrimEnd('/').Split('/').Last();

        /// <summary>The node chosen (null until one accepted, or when none did).</summary>
        public Uri? Node { get; private set; }

        public bool IsOpen => Node is not null && Volatile.Read(ref _closed) == 0;

        public async Task RunAsync()
        {
            page.OnMessage(frame =>
            {
                if (frame.Text is null) return;
                // A frame a break rule takes is lost with the connection: neither it nor anything after it reaches the node.
                if (!balancer.FromPage(frame.Text))
                {
                    _ = BreakAsync();
                    return;
                }
                _toNode.Writer.TryWrite(frame.Text);
            });
            page.OnClose((_, _) => _ = CloseAsync(fromPage: true));

            foreach (var node in balancer.Order.ToList())
            {
                var socket = new ClientWebSocket();
                try
                {
                    var target = new UriBuilder(page.Url) { Scheme = node.Scheme == "https" ? "wss" : "ws", Host = node.Host, Port = node.Port }.Uri;
                    await socket.ConnectAsync(target, _stop.Token);
                    _node = socket;
                    Node = node;
                    break;
                }
                catch (Exception) when (!_stop.IsCancellationRequested)
                {
                    // Refused (503 while draining) or gone: the next node, on a new socket (a failed one cannot connect again).
                    socket.Dispose();
                }
                catch (Exception)
                {
                    socket.Dispose();
                    return;
                }
            }
            if (Node is null)
            {
                // No node took it: the page sees its connection fail, as behind a balancer with no healthy node.
                await CloseAsync(fromPage: false);
                return;
            }
            await Task.WhenAll(PumpToNodeAsync(), PumpToPageAsync());
        }

        /// <summary>Breaks the connection on both sides, as a network failure would.</summary>
        public Task BreakAsync() => CloseAsync(fromPage: false);

        private async Task PumpToNodeAsync()
        {
            try
            {
                await foreach (var text in _toNode.Reader.ReadAllAsync(_stop.Token))
                    await _node.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, _stop.Token);
            }
            catch (Exception)
            {
                await CloseAsync(fromPage: false);
            }
        }

        private async Task PumpToPageAsync()
        {
            var buffer = new byte[64 * 1024];
            var message = new MemoryStream();
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var received = await _node.ReceiveAsync(buffer, _stop.Token);
                    if (received.MessageType == WebSocketMessageType.Close) break;
                    message.Write(buffer, 0, received.Count);
                    if (!received.EndOfMessage) continue;
                    var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                    message.SetLength(0);
                    if (balancer.ToPage(text) is { } kept) page.Send(kept);
                }
            }
            catch (Exception)
            {
                // the node closed or aborted the connection, or the page went
            }
            await CloseAsync(fromPage: false);
        }

        private async Task CloseAsync(bool fromPage)
        {
            if (Interlocked.Exchange(ref _closed, 1) == 1) return;
            _stop.Cancel();
            _toNode.Writer.TryComplete();
            _node.Abort();
            _node.Dispose();
            if (!fromPage)
            {
                try
                {
                    // 1011: the page's SignalR client sees a dropped connection and reconnects.
                    await page.CloseAsync(new() { Code = 1011, Reason = "relay closed" });
                }
                catch (PlaywrightException)
                {
                    // the page or its context is gone already
                }
            }
        }
    }
}
