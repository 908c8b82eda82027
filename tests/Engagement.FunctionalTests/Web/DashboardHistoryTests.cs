using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Engagement.FunctionalTests.Api;
using Engagement.LoadTests.Cluster;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Engagement.FunctionalTests.Web;

/// <summary>
/// The dashboard's history (docs/protocol.md, Reports): a supervisor picks the last 7 days, sees the charts, drills
/// down to a queue and then an agent, and downloads the series as CSV. The sessions behind it are held through the
/// real hubs: two answered and rated, one missed.
/// </summary>
[Collection(WebCollection.Name)]
public class DashboardHistoryTests(WebFixture web)
{
    [Fact]
    public async Task A_supervisor_picks_the_last_7_days_drills_down_and_downloads_the_csv()
    {
        var queue = await web.CreateQueueAsync();
        var agent = await web.CreateStaffAsync("Priya Raman", queue: queue);
        var supervisor = await web.CreateStaffAsync("Noor Haddad", role: "supervisor");
        await HoldSessionsAsync(queue, agent);

        await using var browser = await web.NewContextAsync(1440, 1000);
        var dashboard = await WebPages.SignInAsync(browser, "/dashboard/", supervisor);
        var history = dashboard.GetByRole(AriaRole.Region, new() { Name = "History" });
        await history.GetByRole(AriaRole.Button, new() { Name = "Last 7 days" }).ClickAsync();
        await Expect(history.GetByRole(AriaRole.Button, new() { Name = "Last 7 days" })).ToHaveAttributeAsync("aria-pressed", "true");
        foreach (var chart in new[] { "volume", "answerRate", "firstResponse", "handle", "csat", "abandonment" })
            await Expect(history.GetByTestId($"chart-{chart}").Locator("canvas")).ToBeVisibleAsync();

        // Drill down: the queue, then its agent.
        var queueRow = history.GetByTestId($"queue-row-{queue}");
        await Expect(queueRow).ToContainTextAsync("Web " + queue);
        await queueRow.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(history.GetByTestId("drill")).ToContainTextAsync("Web " + queue);
        await Expect(history.GetByTestId("history-totals")).ToContainTextAsync("Sessions3");
        await Expect(history.GetByTestId("history-totals")).ToContainTextAsync("1 left · 1 missed");
        var agentRow = history.GetByTestId($"agent-row-{agent.AgentId}");
        await agentRow.GetByRole(AriaRole.Button, new() { Name = "Priya Raman" }).ClickAsync();
        await Expect(history.GetByTestId("drill")).ToContainTextAsync("Priya Raman");
        await Expect(history.GetByTestId("history-totals")).ToContainTextAsync("Sessions2");
        await Expect(history.GetByTestId("history-totals")).ToContainTextAsync("CSAT4.0");

        var download = await dashboard.RunAndWaitForDownloadAsync(() => history.GetByRole(AriaRole.Button, new() { Name = "Download CSV" }).ClickAsync());
        Assert.Matches(@"^report-series-daily-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$", download.SuggestedFilename);
        var lines = (await File.ReadAllTextAsync((await download.PathAsync())!)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("start,sessions,answered,", lines[0]);
        Assert.Equal(7, lines.Length - 1);
        Assert.Equal(2, lines.Skip(1).Sum(line => int.Parse(line.Split(',')[1], CultureInfo.InvariantCulture)));

        await history.GetByRole(AriaRole.Button, new() { Name = "Show everyone" }).ClickAsync();
        await Expect(history.GetByTestId("drill")).ToHaveCountAsync(0);
        await history.ScrollIntoViewIfNeededAsync();
        await history.ScreenshotAsync(new() { Path = Path.Combine(RepositoryRoot.Find(), "docs", "screenshots", "dashboard-history.png") });
        await Accessibility.ExpectNoSeriousViolationsAsync(dashboard, "the dashboard's history over the last 7 days");
    }

    /// <summary>Two chats answered, replied to, closed and rated (4 and 4), and one the visitor leaves while it is offered.</summary>
    private async Task HoldSessionsAsync(string queue, WebFixture.Staff agentStaff)
    {
        var client = new ApiClient(web.BaseUrl);
        var (agent, agentEvents) = await client.ConnectAsync("agent", await client.LoginAsync(agentStaff.Email, agentStaff.Password));
        await agent.InvokeAsync<JsonElement>("SetStatus", "available");
        for (var i = 0; i < 3; i++)
        {
            var (_, token) = await client.NewVisitorAsync();
            var (visitor, _) = await client.ConnectAsync("visitor", token);
            var sessionId = (await visitor.InvokeAsync<JsonElement>("StartSession", ApiClient.Json(new { queueId = queue })))
                .GetProperty("session").GetProperty("sessionId").GetString()!;
            await agentEvents.NextAsync("offer", o => o.GetProperty("sessionId").GetString() == sessionId);
            if (i == 2)
            {
                await EventuallyAsync($"/api/sessions/{sessionId}", s => s["status"]!.GetValue<string>() == "offered");
                await visitor.InvokeAsync<JsonElement>("LeaveSession", sessionId);
            }
            else
            {
                await agent.InvokeAsync<JsonElement>("AcceptOffer", sessionId);
                await agent.InvokeAsync<JsonElement>("SendMessage", sessionId, null, "Happy to help with that.");
                await agent.InvokeAsync<JsonElement>("CloseSession", sessionId, "resolved");
                await client.OkAsync(HttpMethod.Post, $"/api/sessions/{sessionId}/rating", token, new { csat = 4 });
            }
            await visitor.DisposeAsync();
        }
        await agent.DisposeAsync();
        // Facts are written just after each step, off the chat path: wait until the report has all three.
        await EventuallyAsync($"/api/reports/summary?period=last7days&queueId={queue}",
            r => r["total"]!["sessions"]!.GetValue<long>() == 3 && r["total"]!["csatAnswers"]!.GetValue<long>() == 2 && r["total"]!["missed"]!.GetValue<long>() == 1);
    }

    private async Task EventuallyAsync(string path, Func<JsonNode, bool> done)
    {
        using var http = web.Server.Http(web.Server.AdminToken);
        var deadline = DateTime.UtcNow + EventRecorder.Patience;
        while (true)
        {
            var found = (await http.GetFromJsonAsync<JsonNode>(path))!;
            if (done(found)) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{path} never showed what the test waited for: {found.ToJsonString()}");
            await Task.Delay(100);
        }
    }
}
