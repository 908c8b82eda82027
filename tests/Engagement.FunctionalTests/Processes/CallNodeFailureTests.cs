using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Engagement.Client;
using Engagement.FunctionalTests.Calls;
using Engagement.FunctionalTests.Infrastructure;
using Engagement.FunctionalTests.Web;
using Engagement.LoadTests.Cluster;
using Engagement.Media.Tests.Browser;
using Engagement.Media.Tests.Peers;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;
using ClientCallTrack = Engagement.Client.CallTrack;
using ClientCallView = Engagement.Client.CallView;

namespace Engagement.FunctionalTests.Processes;

/// <summary>
/// "Calls survive a node" (issue 8, item 6): two silo processes behind HAProxy, a video call running, and the silo
/// that holds the call's media room killed with SIGKILL. The call must come back by itself — a new room on the
/// survivor, both sides offering again with an ICE restart — while the chat goes on. The first test uses the
/// product's own front ends (the widget and the workspace, their CallController), so nothing but the shipped
/// client code re-offers; the second has aiortc on the visitor's side, driven by the .NET client's
/// <see cref="CallMediaWatch"/> (the protocol's client rules), against the workspace in Chromium. Each reports the
/// time from the kill to media flowing again (not asserted: the machine is shared).
/// </summary>
[Collection(ProcessCollection.Name)]
public class CallNodeFailureTests : IClassFixture<ChromiumFixture>
{
    private const string SupportQueue = "support"; // the sample site's widget talks to this queue
    private const int Patience = 90; // seconds; bounds a failing test only
    private readonly ChromiumFixture _chromium;
    private readonly ITestOutputHelper _output;

    public CallNodeFailureTests(ChromiumFixture chromium, ITestOutputHelper output)
    {
        (_chromium, _output) = (chromium, output);
        // Waits for behaviour on a shared 2-core machine with two silos, HAProxy, PostgreSQL and Chromium.
        SetDefaultExpectTimeout(30_000);
    }

    [Fact]
    public async Task A_video_call_in_the_widget_and_the_workspace_comes_back_by_itself_after_its_node_is_killed_and_the_chat_goes_on()
    {
        await using var cluster = await ProcessCluster.StartAsync(new ProcessClusterOptions(Silos: 2, LoadBalancer: true));
        var lb = cluster.LoadBalancer!;
        await CreateSupportQueueAsync(cluster);
        var staff = await CreateStaffAsync(cluster, SupportQueue, "Maya Chen");

        await using var agentBrowser = await NewContextAsync(lb.Url, "agent");
        var workspace = await WebPages.OpenWorkspaceAsync(agentBrowser, staff);
        await using var visitorBrowser = await NewContextAsync(lb.Url, "visitor");
        var site = await WebPages.OpenSiteAsync(visitorBrowser, "/");
        await WebPages.OpenWidgetAsync(site);
        const string topic = "A call that outlives its node";
        await WebPages.ChatWithAsync(site, workspace, "Maya Chen", topic);

        // A video call, started in the widget and accepted in the workspace: both decode the other's video.
        await site.GetByRole(AriaRole.Button, new() { Name = "Video call", Exact = true }).ClickAsync();
        var visitorCall = site.GetByTestId("call");
        var agentCall = workspace.GetByTestId("call");
        await agentCall.GetByRole(AriaRole.Button, new() { Name = "Accept call", Exact = true }).ClickAsync();
        foreach (var page in new[] { site, workspace })
        {
            await Until(() => MediaProbe.ReadAsync(page), m => m.Total("video") > 10 && m.Total("audio") > 0, "each side decodes the other's video and hears its audio");
        }
        await Expect(visitorCall).ToHaveAttributeAsync("data-call-phase", "active");
        await Expect(agentCall).ToHaveAttributeAsync("data-call-phase", "active");

        var victim = await MediaNodeAsync(cluster, workspace);
        var survivor = cluster.Silos.Single(s => s != victim);
        _output.WriteLine($"the call's room is on {victim}; survivor {survivor}; hubs: {HubRoutes(lb)}; logs in {cluster.LogDirectory}");

        // The kill. From here the test sends no offer: the pages must bring the media back by themselves.
        var visitorBefore = await MediaProbe.ReadAsync(site);
        var agentBefore = await MediaProbe.ReadAsync(workspace);
        var clock = Stopwatch.StartNew();
        await victim.KillAsync();
        var declaredDead = TimeAsync(clock, () => cluster.WaitForMembershipAsync(victim, MemberStatus.Dead));

        // The chat goes on during the outage, both ways.
        const string visitorLine = "Are you still there? (sent while the call's node was down)";
        const string agentLine = "Still here, the call is reconnecting by itself.";
        await WebPages.MessageBox(site).FillAsync(visitorLine);
        await WebPages.MessageBox(site).PressAsync("Enter");
        await WebPages.ReplyBox(workspace).FillAsync(agentLine);
        await WebPages.ReplyBox(workspace).PressAsync("Enter");

        var visitorBack = TimeAsync(clock, () => Until(() => MediaProbe.ReadAsync(site), m => m.NewSince(visitorBefore, "video") > 0, "the visitor decodes video through a new room"));
        var agentBack = TimeAsync(clock, () => Until(() => MediaProbe.ReadAsync(workspace), m => m.NewSince(agentBefore, "video") > 0, "the agent decodes video through a new room"));
        double visitorSeconds, agentSeconds;
        try
        {
            (visitorSeconds, agentSeconds) = (await visitorBack, await agentBack);
        }
        catch (TimeoutException)
        {
            _output.WriteLine($"visitor: {await CallStateAsync(site)}; agent: {await CallStateAsync(workspace)}");
            throw;
        }

        // Media flows for real (frames and sound), through the survivor, and the call never ended.
        await Until(() => MediaProbe.ReadAsync(site), m => m.NewSince(visitorBefore, "video") > 10 && m.NewSince(visitorBefore, "audio") > 0, "the visitor keeps decoding video and hears the agent");
        await Until(() => MediaProbe.ReadAsync(workspace), m => m.NewSince(agentBefore, "video") > 10 && m.NewSince(agentBefore, "audio") > 0, "the agent keeps decoding video and hears the visitor");
        Assert.Equal(survivor.MediaPort(), (await MediaProbe.ReadAsync(site)).NodePort);
        Assert.Equal(survivor.MediaPort(), (await MediaProbe.ReadAsync(workspace)).NodePort);
        await Expect(visitorCall).ToHaveAttributeAsync("data-call-phase", "active");
        await Expect(agentCall).ToHaveAttributeAsync("data-call-phase", "active");
        await Expect(visitorCall).ToHaveAttributeAsync("data-media-recovering", "false");
        await Expect(agentCall).ToHaveAttributeAsync("data-media-recovering", "false");
        await Expect(visitorCall.GetByTestId("call-status")).ToHaveTextAsync(new Regex(@"^\d+:\d\d$"));

        // The messages sent during the outage reached the other side.
        var visitorRetries = await DeliveredAsync(site, workspace, visitorLine);
        var agentRetries = await DeliveredAsync(workspace, site, agentLine);
        Assert.Equal(0, await site.Locator(".msg-event").Filter(new() { HasText = "hung up" }).CountAsync());

        _output.WriteLine($"kill -9 → declared dead {await declaredDead:0.0} s; media decoded again: visitor {visitorSeconds:0.0} s, agent {agentSeconds:0.0} s " +
                          $"(both: {Math.Max(visitorSeconds, agentSeconds):0.0} s); chat sent during the outage delivered (retries by hand: visitor {visitorRetries}, agent {agentRetries})");
    }

    [Fact]
    public async Task An_aiortc_visitor_following_the_protocol_and_the_workspace_resume_their_call_after_its_node_is_killed()
    {
        await using var cluster = await ProcessCluster.StartAsync(new ProcessClusterOptions(Silos: 2, LoadBalancer: true));
        var lb = cluster.LoadBalancer!;
        var queue = await cluster.CreateQueueAsync();
        var staff = await CreateStaffAsync(cluster, queue, "Tomas Silva");
        await using var agentBrowser = await NewContextAsync(lb.Url, "agent");
        var workspace = await WebPages.OpenWorkspaceAsync(agentBrowser, staff);

        // The visitor: the .NET client (reconnects, re-joins) for signaling, aiortc for media.
        var token = (await cluster.NewVisitorAsync()).Token;
        await using var visitor = new EngagementConnection(new EngagementConnectionOptions([new Uri(lb.Url, "/hubs/visitor")], () => Task.FromResult<string?>(token))
        {
            Log = line => Log("visitor: " + line),
        });
        var tracks = new ConcurrentQueue<ClientCallTrack>();
        visitor.On<ClientCallTrack>(Protocol.CallTrackEvent, tracks.Enqueue);
        await visitor.StartAsync();
        const string topic = "Calling from aiortc";
        var sessionId = (await visitor.StartSessionAsync(new { queueId = queue, topic, requestId = Guid.NewGuid().ToString("N") })).Session.SessionId;
        await WebPages.AcceptOfferAsync(workspace, topic);

        await using var aiortc = AiortcPeer.Start();
        var media = new AiortcCaller(aiortc, visitor, sessionId);
        using var watch = new CallMediaWatch(visitor, sessionId, p => p.Role == "visitor", (_, ct) => media.RestartAsync(ct), line => Log("visitor: " + line));
        watch.Apply(await visitor.InvokeAsync<ClientCallView>("StartCall", [sessionId, "video"]));
        var agentCall = workspace.GetByTestId("call");
        await agentCall.GetByRole(AriaRole.Button, new() { Name = "Accept call", Exact = true }).ClickAsync();
        await Expect(agentCall).ToHaveAttributeAsync("data-call-phase", "active");

        // aiortc offers once the agent publishes, so its send-and-receive m-lines get the agent's tracks at once.
        await Until(() => Task.FromResult(tracks.Any(t => t.ParticipantId == staff.AgentId && t.Kind == "video" && t.Published)), t => t, "the agent publishes video");
        await media.FirstOfferAsync(CancellationToken.None);
        await Until(() => MediaProbe.ReadAsync(workspace), m => m.Total("video") > 10, "the workspace decodes aiortc's video");
        await Until(media.ReceivedAsync, r => r.Received > 50, "aiortc receives the agent's media");
        await Until(() => Task.FromResult(watch.Call), c => c?.Participants.All(p => p.Connected) == true, "both show connected");

        var victim = await MediaNodeAsync(cluster, workspace);
        _output.WriteLine($"the call's room is on {victim}; hubs: {HubRoutes(lb)}; logs in {cluster.LogDirectory}");
        // The agent's later tracks in a new room come as callTrack events: aiortc renegotiates to receive them.
        var seenTracks = tracks.Count;
        var agentBefore = await MediaProbe.ReadAsync(workspace);
        var reoffersBefore = watch.Reoffers;
        var clock = Stopwatch.StartNew();
        await victim.KillAsync();
        var declaredDead = TimeAsync(clock, () => cluster.WaitForMembershipAsync(victim, MemberStatus.Dead));
        using var following = new CancellationTokenSource();
        var renegotiating = media.FollowTracksAsync(tracks, seenTracks, staff.AgentId, following.Token);

        // The chat goes on: the visitor's .NET client retries its send through the outage (same client message id).
        var ack = await visitor.SendMessageAsync(sessionId, "Sent by the aiortc visitor while the call's node was down");
        var agentSeconds = await TimeAsync(clock, () => Until(() => MediaProbe.ReadAsync(workspace), m => m.NewSince(agentBefore, "video") > 0, "the workspace decodes aiortc's video through a new room"));
        await Until(() => MediaProbe.ReadAsync(workspace), m => m.NewSince(agentBefore, "video") > 10, "the workspace keeps decoding aiortc's video");
        var visitorSeconds = await TimeAsync(clock, () => Until(media.ReceivedAsync, r => r.Generation > 0 && r.Received > 50, "aiortc receives the agent's media on its new peer connection"));
        await following.CancelAsync();
        await renegotiating;

        Assert.True(watch.Reoffers > reoffersBefore, "the visitor offered again (an ICE restart: a new aiortc peer connection)");
        Assert.Equal(cluster.Silos.Single(s => s != victim).MediaPort(), (await MediaProbe.ReadAsync(workspace)).NodePort);
        await Expect(agentCall).ToHaveAttributeAsync("data-call-phase", "active");
        await Expect(workspace.Locator(".msg-other .bubble").Filter(new() { HasText = "while the call's node was down" })).ToHaveCountAsync(1);
        Assert.True(ack.Seq > 0);

        _output.WriteLine($"kill -9 → declared dead {await declaredDead:0.0} s; media again: workspace decodes aiortc {agentSeconds:0.0} s, aiortc receives {visitorSeconds:0.0} s; " +
                          $"visitor re-offers {watch.Reoffers - reoffersBefore}");
    }

    // ---- helpers ----

    private async Task<IBrowserContext> NewContextAsync(Uri baseUrl, string who)
    {
        var context = await _chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
            Locale = "en-US",
        });
        context.SetDefaultTimeout(30_000);
        await MediaProbe.InstallAsync(context);
        // The pages' own errors (a refused description, an unhandled rejection) explain a failure best.
        context.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning") Log($"{who} page {message.Type}: {message.Text}");
        };
        context.WebError += (_, error) => Log($"{who} page error: {error.Error}");
        return context;
    }

    private static async Task CreateSupportQueueAsync(ProcessCluster cluster)
    {
        using var http = cluster.Http(cluster.AdminToken);
        var response = await http.PostAsJsonAsync("/api/queues", new { queueId = SupportQueue, name = "Support", skills = new[] { "support" }, offerTimeout = TimeSpan.FromSeconds(60) }, EngagementFixtureBase.Json);
        if (response.StatusCode != HttpStatusCode.Conflict) response.EnsureSuccessStatusCode();
    }

    /// <summary>An agent of <paramref name="queue"/> with a display name as a person has one (the widget lists it).</summary>
    private static async Task<WebFixture.Staff> CreateStaffAsync(ProcessCluster cluster, string queue, string name)
    {
        var agentId = $"{name.ToLowerInvariant().Replace(' ', '-')}-{Guid.NewGuid().ToString("N")[..6]}";
        var staff = new WebFixture.Staff(agentId, name, agentId + "@e2e.test", EngagementFixtureBase.AgentPassword);
        using var http = cluster.Http(cluster.AdminToken);
        var response = await http.PostAsJsonAsync("/api/agents", new
        {
            agentId, displayName = name, email = staff.Email, role = "agent", skills = new[] { "support" }, capacity = 3, queues = new[] { queue }, password = staff.Password,
        }, EngagementFixtureBase.Json);
        response.EnsureSuccessStatusCode();
        return staff;
    }

    /// <summary>What a page's call panel and peer connection show, for a failure message.</summary>
    private static async Task<string> CallStateAsync(IPage page)
    {
        var panel = page.GetByTestId("call");
        var attributes = await panel.EvaluateAsync<string>("e => [...e.attributes].filter(a => a.name.startsWith('data-')).map(a => a.name + '=' + a.value).join(' ')");
        return $"{attributes}; status '{await panel.GetByTestId("call-status").TextContentAsync()}'; {await MediaProbe.ReadAsync(page)}";
    }

    /// <summary>The silo whose media engine answered the page's latest offer: the one holding the call's room.</summary>
    private static async Task<SiloProcess> MediaNodeAsync(ProcessCluster cluster, IPage page)
    {
        var port = (await MediaProbe.ReadAsync(page)).NodePort;
        return cluster.Silos.SingleOrDefault(s => s.MediaPort() == port)
            ?? throw new InvalidOperationException($"No silo has media port {port}: {string.Join(", ", cluster.Silos.Select(s => $"{s.Name}={s.MediaPort()}"))}");
    }

    /// <summary>Which silo took each hub connection (HAProxy's log), to say which recovery path each side took.</summary>
    private static string HubRoutes(HaproxyProcess lb) =>
        string.Join(", ", lb.Requests().Where(r => r.Status == 101).Select(r => $"{r.Path}→{r.Server}"));

    /// <summary>
    /// Waits until <paramref name="text"/>, sent from <paramref name="from"/>, shows on <paramref name="to"/>. The web
    /// front ends mark a send that failed (e.g. <c>unavailable</c> while the session's node is declared dead) with a
    /// Retry button; pressing it is what a person would do, so it is pressed and counted.
    /// </summary>
    private static async Task<int> DeliveredAsync(IPage from, IPage to, string text)
    {
        var retries = 0;
        var deadline = DateTime.UtcNow.AddSeconds(Patience);
        while (await to.Locator(".msg-other .bubble").Filter(new() { HasText = text }).CountAsync() == 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                var sender = await from.Locator(".msg-self").Filter(new() { HasText = text }).AllInnerTextsAsync();
                var receiver = await to.Locator(".messages").AllInnerTextsAsync();
                throw new TimeoutException($"'{text}' never reached the other side. Sender shows: [{string.Join(" | ", sender)}]; receiver shows: [{string.Join(" | ", receiver)}]");
            }
            var failed = from.Locator(".msg[data-state=failed]").Filter(new() { HasText = text }).GetByRole(AriaRole.Button, new() { Name = "Retry" });
            if (await failed.CountAsync() > 0)
            {
                await failed.First.ClickAsync();
                retries++;
            }
            await Task.Delay(250);
        }
        return retries;
    }

    private static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(Patience);
        while (true)
        {
            var value = await read();
            if (condition(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Still not true after {Patience} s: {what} (last: {value})");
            await Task.Delay(100);
        }
    }

    /// <summary>Seconds on <paramref name="clock"/> when <paramref name="step"/> completes.</summary>
    private static async Task<double> TimeAsync(Stopwatch clock, Func<Task> step)
    {
        await step();
        return clock.Elapsed.TotalSeconds;
    }

    private void Log(string line)
    {
        try
        {
            _output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");
        }
        catch (InvalidOperationException)
        {
            // after the test ended
        }
    }
}
