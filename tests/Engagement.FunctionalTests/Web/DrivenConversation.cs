using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Engagement.FunctionalTests.Web;

/// <summary>
/// A conversation a test drives from both sides, the widget (<paramref name="site"/>) and the workspace, remembering
/// what was sent so the end can check the whole thread against the server's transcript.
/// </summary>
public sealed class DrivenConversation(IPage site, IPage workspace, string sessionId)
{
    private readonly List<string> _sent = [];

    public async Task VisitorAsync(string text)
    {
        _sent.Add(text);
        await WebPages.VisitorSaysAsync(site, text);
    }

    public async Task AgentAsync(string text)
    {
        _sent.Add(text);
        await WebPages.AgentSaysAsync(workspace, text);
    }

    /// <summary>The visitor sees the agent's last line.</summary>
    public Task VisitorSeesTheReplyAsync() => Expect(site.Locator(".msg-other .bubble").Last).ToHaveTextAsync(_sent[^1]);

    /// <summary>
    /// After the pages moved to another node: one more exchange goes through both ways, the agent goes Away and the
    /// supervisor's <paramref name="dashboard"/> shows it, both pages show exactly the stored thread (nothing lost,
    /// duplicated or reordered), and no page showed a connection banner, a failed message or an error.
    /// </summary>
    public async Task ExpectItGoesOnUnnoticedAsync(HttpClient admin, IPage dashboard, string agentId, string visitorLine, string agentLine)
    {
        await VisitorAsync(visitorLine);
        await AgentAsync(agentLine);
        await VisitorSeesTheReplyAsync();
        await Expect(workspace.Locator(".msg-other .bubble").Last).ToHaveTextAsync(visitorLine);
        await workspace.GetByRole(AriaRole.Button, new() { Name = "Away", Exact = true }).ClickAsync();
        await Expect(workspace.GetByTestId("agent-presence")).ToContainTextAsync("Away");
        await Expect(dashboard.GetByTestId($"agent-{agentId}")).ToContainTextAsync("Away");

        await WebPages.ExpectWholeThreadAsync(admin, site, sessionId, _sent);
        await WebPages.ExpectWholeThreadAsync(admin, workspace, sessionId, _sent);
        foreach (var page in new[] { site, workspace, dashboard }) Assert.Empty(await WebPages.TroubleAsync(page));
    }
}
