using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.FunctionalTests.Api;

/// <summary>
/// Historical reports (docs/protocol.md, Reports): sessions held through the real hubs — answered, rated, abandoned,
/// missed — come back as the summary's, the series' and the CSV's figures, cut in the site's time zone (Asia/Kolkata,
/// +05:30: local hours start at half past in UTC); bad input is a clear 400; agents may not read reports.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ReportsTests(ApiFixture fixture)
{
    private static readonly TimeSpan SiteOffset = TimeSpan.FromHours(5.5);
    private readonly ApiClient _client = fixture.Client();

    [Fact]
    public async Task Answered_abandoned_and_missed_sessions_become_the_summary_the_series_and_the_csv_in_the_site_time_zone()
    {
        var admin = await _client.AdminTokenAsync();
        var began = DateTimeOffset.UtcNow;
        var (queueId, agentId, agentToken) = await _client.NewQueueWithAgentAsync();

        // Nobody is signed in yet: the visitor waits, never offered, and leaves (abandoned).
        var (leaver, _, leftSession) = await StartAsync(queueId);
        await leaver.InvokeAsync<JsonElement>("LeaveSession", leftSession);

        var (agent, agentEvents) = await _client.ConnectAsync("agent", agentToken);
        await agent.InvokeAsync<JsonElement>("SetStatus", "available");
        foreach (var csat in new[] { 4, 2 })
        {
            var (visitor, visitorToken, sessionId) = await StartAsync(queueId);
            await agentEvents.NextAsync("offer", o => o.GetProperty("sessionId").GetString() == sessionId);
            await agent.InvokeAsync<JsonElement>("AcceptOffer", sessionId);
            await agent.InvokeAsync<JsonElement>("SendMessage", sessionId, null, "Hello, how can I help?");
            await agent.InvokeAsync<JsonElement>("CloseSession", sessionId, "resolved");
            await _client.OkAsync(HttpMethod.Post, $"/api/sessions/{sessionId}/rating", visitorToken, new { csat });
            await visitor.DisposeAsync();
        }

        // Offered to the agent, who does not take it before the visitor leaves (missed).
        var (missedVisitor, _, missedSession) = await StartAsync(queueId);
        await agentEvents.NextAsync("offer", o => o.GetProperty("sessionId").GetString() == missedSession);
        // The session learns of its offer one-way: the visitor leaves once it has (else it would be merely abandoned).
        await EventuallyAsync($"/api/sessions/{missedSession}", admin, s => s["status"]!.GetValue<string>() == "offered");
        await missedVisitor.InvokeAsync<JsonElement>("LeaveSession", missedSession);
        var ended = DateTimeOffset.UtcNow;

        var window = $"from={Instant(began.AddHours(-1))}&to={Instant(ended.AddHours(1))}";
        var summary = await EventuallyAsync($"/api/reports/summary?{window}&queueId={queueId}", admin,
            s => s["total"]!["sessions"]!.GetValue<long>() == 4 && s["total"]!["csatAnswers"]!.GetValue<long>() == 2 && s["total"]!["missed"]!.GetValue<long>() == 1);
        var total = summary["total"]!;
        Assert.Equal(ApiFixture.ReportTimeZone, summary["timeZone"]!.GetValue<string>());
        Assert.Equal(2, total["answered"]!.GetValue<long>());
        Assert.Equal(2, total["abandoned"]!.GetValue<long>());
        Assert.Equal(0, total["waiting"]!.GetValue<long>());
        Assert.Equal(0.5, total["answerRate"]!.GetValue<double>());
        Assert.Equal(0.5, total["abandonmentRate"]!.GetValue<double>());
        Assert.Equal(3.0, total["averageCsat"]!.GetValue<double>());
        Assert.Equal(1.0, total["serviceLevel"]!.GetValue<double>());
        foreach (var figure in new[] { "averageFirstResponseSeconds", "p90FirstResponseSeconds", "averageHandleSeconds" })
            Assert.True(total[figure]!.GetValue<double>() >= 0, figure);
        var queueRow = Assert.Single(summary["queues"]!.AsArray());
        Assert.Equal(queueId, queueRow!["id"]!.GetValue<string>());
        Assert.StartsWith("Queue ", queueRow["name"]!.GetValue<string>());
        var agentRow = Assert.Single(summary["agents"]!.AsArray());
        Assert.Equal(agentId, agentRow!["id"]!.GetValue<string>());
        Assert.Equal(2, agentRow["figures"]!["sessions"]!.GetValue<long>());

        var drilled = await _client.OkAsync(HttpMethod.Get, $"/api/reports/summary?{window}&agentId={agentId}", admin);
        Assert.Equal(2, drilled["total"]!["sessions"]!.GetValue<long>());
        Assert.Equal(1.0, drilled["total"]!["answerRate"]!.GetValue<double>());

        // Hours of the site's zone: every bucket starts at half past in UTC, one after the other, and holds the sessions.
        var hourly = await _client.OkAsync(HttpMethod.Get, $"/api/reports/series?{window}&bucket=hour&queueId={queueId}", admin);
        var hours = hourly["points"]!.AsArray().Select(p => p!["start"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.All(hours, start => Assert.Equal(30, start.UtcDateTime.Minute));
        Assert.All(hours.Zip(hours.Skip(1)), pair => Assert.Equal(TimeSpan.FromHours(1), pair.Second - pair.First));
        Assert.Equal(4, hourly["points"]!.AsArray().Sum(p => p!["figures"]!["sessions"]!.GetValue<long>()));

        // Days of the site's zone: they start at local midnight, 18:30 UTC.
        var daily = await _client.OkAsync(HttpMethod.Get, $"/api/reports/series?{window}&bucket=day&queueId={queueId}", admin);
        var days = daily["points"]!.AsArray();
        Assert.All(days, p => Assert.Equal(TimeSpan.Zero, p!["start"]!.GetValue<DateTimeOffset>().ToOffset(SiteOffset).TimeOfDay));
        Assert.Equal(4, days.Sum(p => p!["figures"]!["sessions"]!.GetValue<long>()));

        // "The last 7 days": seven local days, the last of them today's.
        var week = await _client.OkAsync(HttpMethod.Get, $"/api/reports/series?period=last7days&bucket=day&queueId={queueId}", admin);
        var weekDays = week["points"]!.AsArray().Select(p => p!["start"]!.GetValue<DateTimeOffset>().ToOffset(SiteOffset)).ToList();
        Assert.Equal(7, weekDays.Count);
        Assert.Equal(DateTimeOffset.UtcNow.ToOffset(SiteOffset).Date, weekDays[^1].Date);

        var (status, type, disposition, csv) = await GetCsvAsync($"/api/reports/series?{window}&bucket=hour&queueId={queueId}&format=csv", admin);
        Assert.Equal(200, status);
        Assert.Equal("text/csv", type);
        Assert.Matches(@"^attachment; filename=""?report-series-hourly-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv""?$", disposition);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("start,sessions,answered,abandoned,missed,", lines[0]);
        Assert.All(lines.Skip(1), line => Assert.EndsWith(":00:00+05:30", line.Split(',')[0])); // local hours
        Assert.Equal(4, lines.Skip(1).Sum(line => long.Parse(line.Split(',')[1], CultureInfo.InvariantCulture)));

        var (_, _, _, summaryCsv) = await GetCsvAsync($"/api/reports/summary?{window}&queueId={queueId}&format=csv", admin);
        Assert.Contains($"\r\nagent,{agentId},", summaryCsv);
        Assert.StartsWith("scope,id,name,sessions,", summaryCsv);
        await leaver.DisposeAsync();
        await missedVisitor.DisposeAsync();
        await agent.DisposeAsync();
    }

    [Fact]
    public async Task Today_is_the_site_time_zone_s_today()
    {
        var admin = await _client.AdminTokenAsync();
        var today = await _client.OkAsync(HttpMethod.Get, "/api/reports/series?period=today&bucket=hour", admin);
        var localToday = DateTimeOffset.UtcNow.ToOffset(SiteOffset).Date;
        Assert.Equal(new DateTimeOffset(localToday, SiteOffset), today["from"]!.GetValue<DateTimeOffset>());
        Assert.Equal(new DateTimeOffset(localToday.AddDays(1), SiteOffset), today["to"]!.GetValue<DateTimeOffset>());
        Assert.Equal(24, today["points"]!.AsArray().Count);
        var yesterday = await _client.OkAsync(HttpMethod.Get, "/api/reports/summary?period=yesterday", admin);
        Assert.Equal(new DateTimeOffset(localToday.AddDays(-1), SiteOffset), yesterday["from"]!.GetValue<DateTimeOffset>());
        var dates = await _client.OkAsync(HttpMethod.Get, "/api/reports/summary?from=2026-03-01&to=2026-03-31", admin);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, SiteOffset), dates["from"]!.GetValue<DateTimeOffset>());
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 0, 0, 0, SiteOffset), dates["to"]!.GetValue<DateTimeOffset>());
    }

    [Theory]
    [InlineData("/api/reports/summary?period=someday", "invalid", "period")]
    [InlineData("/api/reports/summary?period=today&from=2026-01-01&to=2026-01-02", "invalid", "period")]
    [InlineData("/api/reports/summary?from=2026-01-01", "invalid", "to")]
    [InlineData("/api/reports/summary?from=2026-02-10&to=2026-02-01", "invalid", "from")]
    [InlineData("/api/reports/summary?from=2026-13-01&to=2026-12-31", "invalid", "from")]
    [InlineData("/api/reports/summary?from=2026-01-01T10:00:00&to=2026-01-02", "invalid", "from")]
    [InlineData("/api/reports/summary?from=2025-01-01&to=2026-03-01", "too_large", "to")]
    [InlineData("/api/reports/series?period=today&bucket=minute", "invalid", "bucket")]
    [InlineData("/api/reports/series?from=2026-01-01&to=2026-02-15&bucket=hour", "too_large", "bucket")]
    [InlineData("/api/reports/series?period=today&format=xml", "invalid", "format")]
    [InlineData("/api/reports/summary?period=today&queueId=no%20spaces", "invalid", "queueId")]
    public async Task Bad_input_gets_a_clear_error_naming_the_field(string path, string code, string field)
    {
        var (status, body) = await _client.SendAsync(HttpMethod.Get, path, await _client.AdminTokenAsync());
        Assert.True(status == 400, $"{path} answered {status}: {body?.ToJsonString()}");
        Assert.Equal(code, body!["code"]!.GetValue<string>());
        Assert.NotNull(body["errors"]![field]);
    }

    [Fact]
    public async Task Agents_may_not_read_reports()
    {
        var (_, _, agentToken) = await _client.NewQueueWithAgentAsync();
        foreach (var path in new[] { "/api/reports/summary", "/api/reports/series?format=csv" })
        {
            var (status, body) = await _client.SendAsync(HttpMethod.Get, path, agentToken);
            Assert.Equal(403, status);
            Assert.Equal("forbidden", body!["code"]!.GetValue<string>());
        }
    }

    /// <summary>A new visitor, connected and waiting in <paramref name="queueId"/>.</summary>
    private async Task<(HubConnection Visitor, string Token, string SessionId)> StartAsync(string queueId)
    {
        var (_, token) = await _client.NewVisitorAsync();
        var (visitor, _) = await _client.ConnectAsync("visitor", token);
        var started = await visitor.InvokeAsync<JsonElement>("StartSession", ApiClient.Json(new { queueId }));
        return (visitor, token, started.GetProperty("session").GetProperty("sessionId").GetString()!);
    }

    /// <summary>Polls <paramref name="path"/> until it is <paramref name="complete"/>: facts are written off the chat path, just after each step.</summary>
    private async Task<JsonNode> EventuallyAsync(string path, string token, Func<JsonNode, bool> complete)
    {
        var deadline = DateTime.UtcNow + EventRecorder.Patience;
        while (true)
        {
            var report = await _client.OkAsync(HttpMethod.Get, path, token);
            if (complete(report)) return report;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{path} never showed what the test waited for: {report.ToJsonString()}");
            await Task.Delay(100);
        }
    }

    private async Task<(int Status, string? Type, string? Disposition, string Text)> GetCsvAsync(string path, string token)
    {
        using var http = new HttpClient { BaseAddress = fixture.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType,
            response.Content.Headers.ContentDisposition?.ToString(), await response.Content.ReadAsStringAsync());
    }

    private static string Instant(DateTimeOffset at) => Uri.EscapeDataString(at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}
