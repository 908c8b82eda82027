using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Engagement.FunctionalTests.EndToEnd;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Engagement.FunctionalTests.Web;

/// <summary>
/// Issue 12 in the browser (docs/protocol.md, Routing policy; Agent hub: waiting lists and cherry-picking; docs/web.md):
/// an agent sees who waits in their queue, live, and takes a chat from the list; a visitor who has waited long enough
/// is offered to leave a message instead, and does.
/// </summary>
[Collection(WebCollection.Name)]
public class WaitingListInTheBrowserTests(WebFixture web)
{
    [Fact]
    public async Task An_agent_sees_a_waiting_visitor_in_the_waiting_list_and_takes_the_chat()
    {
        await using var served = await web.ServedQueueAsync("Maya Chen");
        await SetRoutingAsync(served.Queue, new { cherryPick = true });
        var workspace = served.Workspace;
        // Away: nobody is offered the chat, so it waits in the list.
        await workspace.GetByRole(AriaRole.Button, new() { Name = "Away", Exact = true }).ClickAsync();
        await Expect(workspace.GetByTestId("agent-presence")).ToContainTextAsync("Away");

        const string topic = "Can I move my plan to yearly billing?";
        await using var visitor = await web.VisitorOnAsync(served.Queue);
        var site = await WebPages.OpenSiteAsync(visitor, "/");
        await WebPages.OpenWidgetAsync(site);
        await WebPages.StartChatAsync(site, topic);
        await Expect(site.GetByTestId("queue-status")).ToBeVisibleAsync();

        // The workspace lists the session under Waiting, in the queue's list, with its topic and wait, and no offer out.
        var panel = workspace.GetByRole(AriaRole.Region, new() { Name = "Waiting" });
        var queueList = panel.GetByRole(AriaRole.List, new() { NameRegex = new Regex("^Web " + Regex.Escape(served.Queue)) });
        var row = queueList.GetByRole(AriaRole.Listitem).Filter(new() { HasText = topic });
        await Expect(row).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("waited");
        await Expect(row).Not.ToContainTextAsync("Offered to");
        var take = row.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Take Visitor #\\w+'s chat: “" + Regex.Escape(topic) + "”$") });
        await Expect(take).ToBeEnabledAsync();
        await Accessibility.ExpectNoSeriousViolationsAsync(workspace, "the workspace with a visitor waiting");
        await WebPages.ScreenshotAsync(workspace, "workspace-waiting");

        // Take: the chat opens as after an accepted offer, and it leaves the list; the visitor sees the agent join.
        await take.ClickAsync();
        await Expect(workspace.Locator(".convo-header")).ToContainTextAsync(topic);
        await Expect(WebPages.ReplyBox(workspace)).ToBeVisibleAsync();
        await Expect(row).ToHaveCountAsync(0);
        await Expect(site.Locator(".convo-title")).ToContainTextAsync("Maya Chen");
        await Expect(site.GetByTestId("queue-status")).ToHaveCountAsync(0);
        await WebPages.AgentSaysAsync(workspace, "Hi! Yes, I can switch that for you.");
        await Expect(site.Locator(".msg-other .bubble").Last).ToHaveTextAsync("Hi! Yes, I can switch that for you.");
    }

    [Fact]
    public async Task A_visitor_who_waited_is_offered_to_leave_a_message_instead_and_the_message_becomes_a_conversation()
    {
        // Nobody serves this queue; after a second of waiting, the routing policy offers to leave a message.
        var queue = await web.CreateQueueAsync();
        await SetRoutingAsync(queue, new { steps = new[] { new { after = "00:00:01", offerLeaveMessage = true } } });
        var address = $"leo-{Guid.NewGuid():N}@example.com";

        await using var visitor = await web.VisitorOnAsync(queue);
        var site = await WebPages.OpenSiteAsync(visitor, "/");
        await WebPages.OpenWidgetAsync(site);
        await WebPages.StartChatAsync(site, "Do you ship to Iceland?");
        await Expect(site.GetByTestId("queue-status")).ToBeVisibleAsync();
        var sessionId = await WebPages.SessionIdAsync(site);

        // The form takes the thread's place, its first field focused; "Keep waiting" brings the thread back.
        var instead = site.GetByRole(AriaRole.Button, new() { Name = "Leave a message instead" });
        await instead.ClickAsync();
        var form = site.GetByTestId("leave-message");
        await Expect(form.GetByRole(AriaRole.Heading, new() { Name = "Leave us a message" })).ToBeVisibleAsync();
        await Keyboard.ExpectFocusOnAsync(site, "Your name");
        await site.GetByRole(AriaRole.Button, new() { Name = "Keep waiting" }).ClickAsync();
        await Expect(form).ToHaveCountAsync(0);
        await Expect(WebPages.MessageBox(site)).ToBeVisibleAsync();
        await instead.ClickAsync();
        await Expect(site.GetByTestId("queue-status")).ToBeVisibleAsync(); // the chat keeps its place until the message is sent
        await form.GetByLabel("Your name (optional)").FillAsync("Leo Sand");
        await form.GetByLabel("Email", new() { Exact = true }).FillAsync(address);
        await form.GetByLabel("Your message").FillAsync("Do you ship to Iceland, and how long does it take?");
        await Accessibility.ExpectNoSeriousViolationsAsync(site, "the widget offering to leave a message while waiting");
        await WebPages.ScreenshotAsync(site, "widget-leave-instead");
        await form.GetByRole(AriaRole.Button, new() { Name = "Send message" }).ClickAsync();

        // The widget shows the conversation with the message and where the reply goes; the waiting chat was left.
        await Expect(site.GetByTestId("reply-note")).ToContainTextAsync(address);
        await Expect(site.Locator(".messages .bubble")).ToHaveTextAsync(["Do you ship to Iceland, and how long does it take?"]);
        var conversationId = (await site.Locator("[data-conversation-id]").GetAttributeAsync("data-conversation-id"))!;
        using var admin = web.Server.Http(web.Server.AdminToken);
        var thread = await admin.GetFromJsonAsync<ConversationThread>($"/api/conversations/{conversationId}", EndToEndFixture.Json);
        Assert.Equal(queue, thread!.Conversation.QueueId);
        Assert.Contains(thread.Messages, m => m.Text == "Do you ship to Iceland, and how long does it take?");
        var session = await admin.GetFromJsonAsync<SessionView>($"/api/sessions/{sessionId}", EndToEndFixture.Json);
        Assert.Equal(SessionStatus.Abandoned, session!.Status);
    }

    private async Task SetRoutingAsync(string queue, object routing)
    {
        using var admin = web.Server.Http(web.Server.AdminToken);
        var saved = await admin.PutAsJsonAsync($"/api/queues/{queue}", new
        {
            name = "Web " + queue, skills = new[] { "skill-" + queue }, offerTimeout = TimeSpan.FromSeconds(60), routing,
        }, EndToEndFixture.Json);
        saved.EnsureSuccessStatusCode();
    }
}
