using System.Globalization;
using System.Net;
using System.Text.Json;
using Engagement.FunctionalTests.EndToEnd;
using Engagement.FunctionalTests.Infrastructure;
using Engagement.FunctionalTests.Processes;
using Engagement.LoadTests.Cluster;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.FunctionalTests.Telemetry;

/// <summary>
/// Issue 13, item 3: a real Prometheus scrapes a silo process on its management port while a visitor and an agent
/// chat, and PromQL over Prometheus' HTTP API returns the counts of what happened. The scrape endpoint answers only on
/// the management port.
/// </summary>
[Collection(ProcessCollection.Name)]
public class PrometheusScrapeTests
{
    private const int Messages = 5;

    [Fact]
    public async Task Prometheus_scraping_a_silo_under_a_small_chat_counts_its_connections_messages_and_offers()
    {
        var managementPort = FreePorts.One();
        await using var cluster = await ProcessCluster.StartAsync(new ProcessClusterOptions(Silos: 1, LoadBalancer: false, Settings: new Dictionary<string, string?>
        {
            ["Engagement:Telemetry:Enabled"] = "true",
            ["Engagement:Telemetry:ManagementPort"] = managementPort.ToString(CultureInfo.InvariantCulture),
        }));
        var silo = cluster.Silos[0];
        await using var prometheus = await PrometheusProcess.StartAsync([$"127.0.0.1:{managementPort}"], cluster.LogDirectory);

        var queue = await cluster.CreateQueueAsync();
        var alice = await cluster.CreateAgentAsync(queue, "alice");
        await using var agent = await HubClient.AgentAsync(silo.BaseUrl, alice.Token);
        await agent.WaitFor<AgentStatus>(ClientEvents.AgentStatus);
        await using var visitor = await HubClient.VisitorAsync(silo.BaseUrl, (await cluster.NewVisitorAsync()).Token);
        var sessionId = (await visitor.Connection.InvokeAsync<JoinResult>("StartSession", new StartSessionRequest(queue, "Metrics"))).Session.SessionId;
        await agent.WaitFor<SessionOffer>(ClientEvents.Offer, o => o.SessionId == sessionId, seconds: 60);
        await agent.Connection.InvokeAsync<JoinResult>("AcceptOffer", sessionId);
        await visitor.Connection.InvokeAsync<DirectorySnapshot>("WatchDirectory"); // a presence watcher
        await agent.Connection.InvokeAsync<QueueWaitingList[]>("WatchQueues");
        for (var i = 0; i < Messages; i++)
            await visitor.Connection.InvokeAsync<MessageAck>("SendMessage", sessionId, $"metrics-{i}", $"hello {i}");

        await prometheus.WaitForAsync("""up{job="engagement"}""", v => v == 1);
        await prometheus.WaitForAsync("""sum(engagement_hub_messages_received_total{hub="visitor"})""", v => v >= Messages);
        await prometheus.WaitForAsync("""sum(engagement_hub_messages_sent_total{hub="agent"})""", v => v >= Messages);
        await prometheus.WaitForAsync("""sum(engagement_hub_connections{hub="visitor"})""", v => v >= 1);
        await prometheus.WaitForAsync("""sum(engagement_hub_connections{hub="agent"})""", v => v >= 1);
        await prometheus.WaitForAsync("""sum(engagement_queue_offer_outcomes_total{outcome="accepted"})""", v => v >= 1);
        await prometheus.WaitForAsync("""sum(engagement_transcript_appends_total)""", v => v >= Messages);
        await prometheus.WaitForAsync("""sum(engagement_chat_store_milliseconds_count)""", v => v >= Messages);
        await prometheus.WaitForAsync($$"""sum(engagement_queue_sessions_waiting{queue="{{queue}}"})""", v => v == 0);
        await prometheus.WaitForAsync($$"""sum(engagement_sessions{queue="{{queue}}",status="active"})""", v => v == 1);
        await prometheus.WaitForAsync("""sum(engagement_realtime_watchers{hub="visitor",watch="directory"})""", v => v == 1);
        await prometheus.WaitForAsync("""sum(engagement_realtime_watchers{hub="agent",watch="waiting"})""", v => v >= 1);
        await prometheus.WaitForAsync($$"""sum(engagement_conversations{queue="{{queue}}",status="open",channel="web"})""", v => v == 1);
        await prometheus.WaitForAsync("""sum(engagement_media_rooms)""", v => v == 0); // the media engine's meter, from its own library
        await prometheus.WaitForAsync("""sum(engagement_media_io_bytes_total)""", v => v == 0);
        // The platform's meters come along: ASP.NET Core's requests, Orleans', the runtime's.
        await prometheus.WaitForAsync("""sum(http_server_request_duration_seconds_count) > 0""", v => v > 0);
        await prometheus.WaitForAsync("""count({__name__=~"orleans_.+"}) > 0""", v => v > 0);
        await prometheus.WaitForAsync("""count({__name__=~"dotnet_gc_.+"}) > 0""", v => v > 0);

        // Every query of the shipped Grafana dashboard is PromQL this Prometheus evaluates (Grafana's interval filled in).
        foreach (var query in DashboardQueries()) await prometheus.QueryAsync(query.Replace("$__rate_interval", "1m", StringComparison.Ordinal));

        // Only the management port serves the scrape, and it serves nothing else.
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(silo.BaseUrl, "metrics"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"http://127.0.0.1:{managementPort}/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{managementPort}/metrics")).StatusCode);
    }

    private static IEnumerable<string> DashboardQueries()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(PrometheusProcess.ConfigDirectory, "grafana-dashboard.json")));
        return dashboard.RootElement.GetProperty("panels").EnumerateArray().Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString()!)).ToList();
    }
}
