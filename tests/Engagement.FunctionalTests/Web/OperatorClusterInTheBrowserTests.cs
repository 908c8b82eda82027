using System.Text.RegularExpressions;
using Engagement.FunctionalTests.EndToEnd;
using Engagement.FunctionalTests.Infrastructure;
using Engagement.FunctionalTests.Processes;
using Engagement.LoadTests.Cluster;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Engagement.FunctionalTests.Web;

/// <summary>
/// The operator's cluster view in the browser (docs/web.md, "The operator pages"): two real silo processes, an operator
/// signed in on one of them drains the other and watches its connections move away until it has left.
/// </summary>
[Collection(ProcessCollection.Name)]
public class OperatorClusterInTheBrowserTests : IAsyncLifetime
{
    private WebBrowser _browser = null!;

    public async Task InitializeAsync() => _browser = await WebBrowser.LaunchAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task An_operator_sees_two_silos_drains_one_and_watches_it_empty_and_leave()
    {
        await using var cluster = await ProcessCluster.StartAsync(new ProcessClusterOptions(Silos: 2, LoadBalancer: false,
            Settings: new Dictionary<string, string?> { ["Engagement:Drain:Timeout"] = "00:00:45" }));
        var (survivor, drained) = (cluster.Silos[0], cluster.Silos[1]);
        await cluster.WaitForMembershipAsync(survivor, MemberStatus.Active);
        await cluster.WaitForMembershipAsync(drained, MemberStatus.Active);
        var queue = await cluster.CreateQueueAsync();
        var login = await cluster.CreateAgentAsync(queue, "Olga", role: "operator");
        var operatorStaff = new WebFixture.Staff(login.AgentId, "Olga", login.AgentId + "@e2e.test", EngagementFixtureBase.AgentPassword);
        var agent = await cluster.CreateAgentAsync(queue, "Mira");

        // Two visitors and a workspace on the silo to drain; one visitor on the other. Each moves when told to, as the SDKs do.
        var clients = new List<HubClient>();
        var told = new List<(HubClient Client, Func<Task<HubClient>> Reconnect, TaskCompletionSource Notice)>();
        async Task OnDrainedAsync(Func<Uri, Task<HubClient>> connect)
        {
            var client = await connect(drained.BaseUrl);
            var notice = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            client.Connection.On<ReconnectNotice>(ClientEvents.Reconnect, _ => notice.TrySetResult());
            told.Add((client, () => connect(survivor.BaseUrl), notice));
        }
        foreach (var token in new[] { (await cluster.NewVisitorAsync()).Token, (await cluster.NewVisitorAsync()).Token })
            await OnDrainedAsync(url => HubClient.VisitorAsync(url, token));
        await OnDrainedAsync(url => HubClient.AgentAsync(url, agent.Token));
        clients.Add(await HubClient.VisitorAsync(survivor.BaseUrl, (await cluster.NewVisitorAsync()).Token));
        try
        {
            await using var context = await _browser.NewContextAsync(survivor.BaseUrl, 1440, 760);
            await WebPages.WatchForTroubleAsync(context);
            var page = await WebPages.SignInAsync(context, "/operator/", operatorStaff);
            var drainedRow = page.GetByTestId($"silo-127.0.0.1:{drained.SiloPort}");
            var survivorRow = page.GetByTestId($"silo-127.0.0.1:{survivor.SiloPort}");

            // Both silos, active, each with its own connections; the page was served by the survivor.
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cluster" })).ToBeVisibleAsync();
            await Expect(survivorRow).ToContainTextAsync("this node");
            foreach (var (row, visitors, agents) in new[] { (drainedRow, "2", "1"), (survivorRow, "1", "0") })
            {
                await Expect(row.GetByTestId("silo-status")).ToHaveTextAsync("Active");
                await Expect(row.GetByTestId("silo-visitors")).ToHaveTextAsync(visitors);
                await Expect(row.GetByTestId("silo-agents")).ToHaveTextAsync(agents);
                await Expect(row.GetByTestId("silo-activations")).ToHaveTextAsync(new Regex(@"^[1-9]\d*$"));
            }
            await Expect(page.GetByTestId("figure-silos")).ToContainTextAsync("2");
            await Accessibility.ExpectNoSeriousViolationsAsync(page, "the cluster view");
            await WebPages.ArmTroubleAsync(page);

            // Drain, after a confirmation that says what will happen.
            await drainedRow.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Drain") }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Expect(dialog).ToContainTextAsync("3 connections will be told to reconnect to another silo");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Drain silo" }).ClickAsync();
            await Expect(dialog).ToBeHiddenAsync();
            await Expect(drainedRow.GetByTestId("silo-status")).ToHaveTextAsync("Draining");
            await Expect(drainedRow.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);

            // Its clients move one by one, and the page counts them down on one silo and up on the other.
            foreach (var (client, reconnect, notice) in told) await notice.Task.WaitAsync(TimeSpan.FromSeconds(60));
            clients.Add(await told[0].Reconnect());
            await told[0].Client.DisposeAsync();
            await Expect(drainedRow.GetByTestId("silo-visitors")).ToHaveTextAsync("1");
            await Expect(survivorRow.GetByTestId("silo-visitors")).ToHaveTextAsync("2");
            await Expect(drainedRow).ToContainTextAsync("closes the rest in");
            await WebPages.ScreenshotAsync(page, "operator-cluster");
            foreach (var (client, reconnect, _) in told.Skip(1))
            {
                clients.Add(await reconnect());
                await client.DisposeAsync();
            }

            // Empty, it leaves: the survivor holds every connection.
            Assert.True(await drained.WaitForExitAsync(TimeSpan.FromSeconds(90)), $"the drained silo did not exit; its log:\n{drained.LogTail()}");
            await Expect(drainedRow.GetByTestId("silo-status")).ToHaveTextAsync("Left", new() { Timeout = 30_000 });
            await Expect(survivorRow.GetByTestId("silo-visitors")).ToHaveTextAsync("3");
            await Expect(survivorRow.GetByTestId("silo-agents")).ToHaveTextAsync("1");
            await Expect(page.GetByTestId("figure-silos")).ToContainTextAsync("1");
            Assert.Empty(await WebPages.TroubleAsync(page));
        }
        finally
        {
            foreach (var client in clients) await client.DisposeAsync();
            foreach (var (client, _, _) in told) await client.DisposeAsync();
        }
    }
}
