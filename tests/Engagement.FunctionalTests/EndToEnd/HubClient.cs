using System.Collections.Concurrent;
using Engagement.Api.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.FunctionalTests.EndToEnd;

/// <summary>
/// A real SignalR .NET client connection to one of the hubs, recording every event it receives and the
/// highest message seq seen per session (what a real client keeps to resume).
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Name, object Payload)> _events = new();
    private readonly ConcurrentDictionary<string, long> _lastSeq = new();

    private HubClient(HubConnection connection)
    {
        Connection = connection;
        Record<ChatMessage>(ClientEvents.Message, m => _lastSeq.AddOrUpdate(m.SessionId, m.Seq, (_, seen) => Math.Max(seen, m.Seq)));
        Record<SessionView>(ClientEvents.Session);
        Record<SessionOffer>(ClientEvents.Offer);
        Record<OfferRevoked>(ClientEvents.OfferRevoked);
        Record<AgentStatus>(ClientEvents.AgentStatus);
        Record<QueuePosition>(ClientEvents.QueuePosition);
        Record<TypingNotice>(ClientEvents.Typing);
        Record<CustomerPresenceView>(ClientEvents.CustomerPresence);
        Record<DirectoryChange>(ClientEvents.DirectoryPresence);
        Record<RepresentativeNotice>(ClientEvents.Representative);
        Record<ReadReceipt>(ClientEvents.Read);
        Record<SessionNote>(ClientEvents.Note);
        Record<DashboardSnapshot>(ClientEvents.Dashboard);
        Record<CallView>(ClientEvents.Call);
        Record<CallTrack>(ClientEvents.CallTrack);
    }

    public HubConnection Connection { get; }

    /// <param name="configure">More client setup, e.g. <c>b =&gt; b.WithAutomaticReconnect(...)</c>.</param>
    public static async Task<HubClient> ConnectAsync(Uri baseUrl, string hubPath, string token, string query = "", Action<IHubConnectionBuilder>? configure = null)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUrl, hubPath + query), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .AddJsonProtocol(o => JsonSetup.Apply(o.PayloadSerializerOptions));
        configure?.Invoke(builder);
        var client = new HubClient(builder.Build());
        await client.Connection.StartAsync();
        return client;
    }

    public static Task<HubClient> VisitorAsync(Uri baseUrl, string token, string page = "/", Action<IHubConnectionBuilder>? configure = null) =>
        ConnectAsync(baseUrl, ApiExtensions.VisitorHubPath, token, $"?page={Uri.EscapeDataString(page)}", configure);

    public static Task<HubClient> AgentAsync(Uri baseUrl, string token, Action<IHubConnectionBuilder>? configure = null) =>
        ConnectAsync(baseUrl, ApiExtensions.AgentHubPath, token, configure: configure);

    /// <summary>Highest seq received live for a session (0 if none).</summary>
    public long LastSeq(string sessionId) => _lastSeq.GetValueOrDefault(sessionId);

    public void Saw(ChatMessage[] messages)
    {
        foreach (var m in messages) _lastSeq.AddOrUpdate(m.SessionId, m.Seq, (_, seen) => Math.Max(seen, m.Seq));
    }

    public IEnumerable<T> Events<T>(string name) => _events.Where(e => e.Name == name).Select(e => e.Payload).OfType<T>();

    /// <summary>Waits for an event of that name whose payload matches; the timeout only bounds a failing test.</summary>
    public async Task<T> WaitFor<T>(string name, Func<T, bool>? match = null, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            var hit = Events<T>(name).FirstOrDefault(p => match?.Invoke(p) ?? true);
            if (hit is not null) return hit;
            await Task.Delay(20);
        }
        throw new TimeoutException($"No '{name}' event matched within {seconds}s.");
    }

    /// <summary>Also records events of <paramref name="name"/> (call right after connecting).</summary>
    public void Record<T>(string name, Action<T>? also = null) =>
        Connection.On<T>(name, payload =>
        {
            also?.Invoke(payload);
            _events.Enqueue((name, payload!));
        });

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
