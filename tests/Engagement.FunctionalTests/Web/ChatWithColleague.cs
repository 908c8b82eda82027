using Microsoft.Playwright;

namespace Engagement.FunctionalTests.Web;

/// <summary>
/// The start of every two-agent journey (transfer, conference): an agent who serves a queue of the test's own, a
/// colleague who serves another queue (so the visitor's chat reaches them only through the first agent), both
/// signed in to the workspace, and a visitor whose chat the first agent has accepted.
/// </summary>
public sealed record ChatWithColleague(
    WebFixture.ServedQueue Served, WebFixture.Staff Colleague, string ColleagueQueue, IBrowserContext ColleagueBrowser,
    IPage ColleagueWorkspace, IBrowserContext VisitorBrowser, IPage Site) : IAsyncDisposable
{
    public IPage Workspace => Served.Workspace;

    public static async Task<ChatWithColleague> StartAsync(WebFixture web, string agentName, string colleagueName, string topic)
    {
        var served = await web.ServedQueueAsync(agentName);
        var colleagueQueue = await web.CreateQueueAsync();
        var colleague = await web.CreateStaffAsync(colleagueName, queue: colleagueQueue);
        var colleagueBrowser = await web.NewContextAsync(1440, 900);
        var visitor = await web.VisitorOnAsync(served.Queue);
        var chat = new ChatWithColleague(served, colleague, colleagueQueue, colleagueBrowser, await WebPages.OpenWorkspaceAsync(colleagueBrowser, colleague),
            visitor, await WebPages.OpenSiteAsync(visitor, "/"));
        await WebPages.OpenWidgetAsync(chat.Site);
        await WebPages.StartChatAsync(chat.Site, topic);
        await WebPages.AcceptOfferAsync(chat.Workspace, topic);
        return chat;
    }

    public async ValueTask DisposeAsync()
    {
        await VisitorBrowser.DisposeAsync();
        await ColleagueBrowser.DisposeAsync();
        await Served.DisposeAsync();
    }
}
