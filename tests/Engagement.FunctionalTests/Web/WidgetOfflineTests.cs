using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Engagement.FunctionalTests.EndToEnd;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Engagement.FunctionalTests.Web;

/// <summary>
/// The widget when nobody can answer (docs/protocol.md, Conversations): the visitor leaves a message with an email
/// address, the team replies later from the inbox (REST) and the reply reaches the open widget live; the conversation
/// waits in "Your conversations" on the next visit, marked while the team's last words are unread, and writing
/// into it again opens it after it was resolved. axe-core finds nothing serious on the way.
/// </summary>
[Collection(WebCollection.Name)]
public class WidgetOfflineTests(WebFixture web)
{
    [Fact]
    public async Task A_visitor_leaves_a_message_while_nobody_is_online_gets_the_reply_live_finds_it_on_the_next_visit_and_reopens_it()
    {
        // The queue's agent never signs in to the workspace: nobody is online; the agent answers from the inbox over REST.
        var queue = await web.CreateQueueAsync();
        var agent = await web.CreateStaffAsync("Ana Lima", queue: queue);
        using var asAgent = web.Server.Http((await web.Server.LoginAsync(agent.Email, agent.Password)).Token);

        await using var visitor = await web.VisitorOnAsync(queue);
        var site = await WebPages.OpenSiteAsync(visitor, "/");
        await WebPages.OpenWidgetAsync(site);
        await Expect(site.GetByTestId("agents-online")).ToContainTextAsync("Nobody is online right now");
        await Expect(site.GetByRole(AriaRole.Heading, new() { Name = "Leave us a message" })).ToBeVisibleAsync();
        await Accessibility.ExpectNoSeriousViolationsAsync(site, "the widget's leave-a-message form");

        // An address the server would refuse is refused in the browser, in words; focus goes to it, nothing typed is lost.
        var email = site.GetByLabel("Email", new() { Exact = true });
        await site.GetByLabel("Your name (optional)").FillAsync("Dana Berg");
        await email.FillAsync("Dana <dana@example.com>");
        await site.GetByLabel("Your message").FillAsync("Do you ship to Norway?");
        await site.GetByRole(AriaRole.Button, new() { Name = "Send message" }).ClickAsync();
        await Expect(site.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Enter your email address as name@example.com.");
        await Expect(email).ToHaveAttributeAsync("aria-invalid", "true");
        await Keyboard.ExpectFocusOnAsync(site, "Email");
        await Expect(site.GetByLabel("Your message")).ToHaveValueAsync("Do you ship to Norway?");
        await Accessibility.ExpectNoSeriousViolationsAsync(site, "the leave-a-message form with an error");
        await WebPages.ScreenshotAsync(site, "widget-leave-message");

        // Sent: the conversation shows the message and where the reply goes; focus is in the message box.
        await email.FillAsync("dana@example.com");
        await email.PressAsync("Enter");
        await Expect(site.Locator(".msg-self .bubble")).ToHaveTextAsync(["Do you ship to Norway?"]);
        await Expect(site.GetByTestId("reply-note")).ToHaveTextAsync("We'll reply here, or by email to dana@example.com.");
        await Expect(site.GetByTestId("conversation-status")).ToHaveTextAsync("Waiting for the team's reply");
        await Keyboard.ExpectFocusOnAsync(site, "Message");
        var conversationId = (await site.Locator("[data-conversation-id]").GetAttributeAsync("data-conversation-id"))!;
        Assert.StartsWith("c_", conversationId);
        var left = await ThreadAsync(asAgent, conversationId);
        Assert.Equal(("Dana Berg", "dana@example.com"), (left.Conversation.ContactName, left.Conversation.ContactEmail));
        await Accessibility.ExpectNoSeriousViolationsAsync(site, "a left message's conversation");

        // The agent replies from the inbox: the reply appears in the open widget, live.
        await ReplyAsync(asAgent, conversationId, "Yes, within 3 days.");
        await Expect(site.Locator(".msg-other .bubble")).ToHaveTextAsync(["Yes, within 3 days."]);
        await Expect(site.GetByTestId("conversation-status")).ToHaveTextAsync("Open");

        // The next visit: the home lists the conversation with the reply, read (the visitor saw it arrive).
        await site.ReloadAsync();
        await WebPages.OpenWidgetAsync(site);
        var item = site.GetByTestId("conversation-item");
        await Expect(site.GetByRole(AriaRole.Heading, new() { Name = "Your conversations" })).ToBeVisibleAsync();
        await Expect(item).ToHaveCountAsync(1);
        await Expect(item).ToContainTextAsync("Yes, within 3 days.");
        await Expect(item).ToHaveAttributeAsync("data-unread", "false");

        // Another reply while the visitor is on the home: marked unread, live, and in a new tab of the same visitor.
        await ReplyAsync(asAgent, conversationId, "And shipping is free over 50 €.");
        await Expect(item).ToContainTextAsync("New reply");
        await Expect(item).ToHaveAttributeAsync("data-unread", "true");
        var other = await WebPages.OpenSiteAsync(visitor, "/contact/");
        await WebPages.OpenWidgetAsync(other);
        await Expect(other.GetByTestId("conversation-item")).ToHaveAttributeAsync("data-unread", "true");
        await Accessibility.ExpectNoSeriousViolationsAsync(site, "the widget's home with an unread conversation");
        await WebPages.ScreenshotAsync(site, "widget-conversations");

        // Opened: the whole thread; read now, in the other tab too.
        await item.ClickAsync();
        await Expect(site.Locator(".messages .bubble")).ToHaveTextAsync(["Do you ship to Norway?", "Yes, within 3 days.", "And shipping is free over 50 €."]);
        await Expect(other.GetByTestId("conversation-item")).ToHaveAttributeAsync("data-unread", "false");

        // Resolved by the agent: the widget says so live; the visitor's new message opens it again.
        var resolved = await asAgent.PostAsJsonAsync($"/api/conversations/{conversationId}/status", new { status = "resolved" }, EndToEndFixture.Json);
        resolved.EnsureSuccessStatusCode();
        await Expect(site.GetByTestId("conversation-status")).ToHaveTextAsync("Resolved");
        await WebPages.VisitorSaysAsync(site, "One more: do you ship to Svalbard?");
        await Expect(site.GetByTestId("conversation-status")).ToHaveTextAsync("Waiting for the team's reply");
        var thread = await ThreadAsync(asAgent, conversationId);
        Assert.Equal(ConversationStatus.Open, thread.Conversation.Status);
        Assert.True(thread.Conversation.AwaitingReply);
        Assert.Single(thread.Messages, m => m.Text == "One more: do you ship to Svalbard?" && m.SenderRole == ParticipantRole.Visitor);

        // The widget shows the server's thread: every message once, in order, status lines included, nothing pending.
        await Expect(site.Locator(".messages [data-seq]")).ToHaveCountAsync(thread.Messages.Length);
        await Expect(site.Locator(".messages .msg[data-state]")).ToHaveCountAsync(0);
        Assert.Equal(thread.Messages.Select(m => new ThreadLine(m.Seq, m.Text)), await WebPages.RenderedThreadAsync(site));
    }

    [Fact]
    public async Task Out_of_hours_the_widget_says_when_the_team_opens_and_takes_a_message_instead_of_a_chat()
    {
        // The queue opens tomorrow (UTC) and not before; its agent is online in the workspace, but that does not open it.
        await using var served = await web.ServedQueueAsync("Ola Nordmann");
        var tomorrow = DateTimeOffset.UtcNow.Date.AddDays(1);
        var hours = new { timeZone = "UTC", weekly = new[] { new { day = tomorrow.DayOfWeek.ToString().ToLowerInvariant(), opens = "09:00:00", closes = "17:00:00" } }, holidays = Array.Empty<string>() };
        using (var admin = web.Server.Http(web.Server.AdminToken))
        {
            var updated = await admin.PutAsJsonAsync($"/api/queues/{served.Queue}", new { name = "Web " + served.Queue, skills = new[] { "skill-" + served.Queue }, hours }, EndToEndFixture.Json);
            updated.EnsureSuccessStatusCode();
        }

        await using var visitor = await web.VisitorOnAsync(served.Queue, timeZone: "UTC");
        var site = await WebPages.OpenSiteAsync(visitor, "/");
        await WebPages.OpenWidgetAsync(site);
        var opensAt = await site.EvaluateAsync<string>("() => new Date(Date.UTC(" + $"{tomorrow.Year}, {tomorrow.Month - 1}, {tomorrow.Day}, 9" + ")).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })");
        await Expect(site.GetByTestId("agents-online")).ToHaveTextAsync($"We're closed now; we open again tomorrow at {opensAt}.");
        await Expect(site.GetByRole(AriaRole.Heading, new() { Name = "Leave us a message" })).ToBeVisibleAsync();
        await Expect(site.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Chat with") })).ToHaveCountAsync(0);
        await Keyboard.ExpectFocusOnAsync(site, "Your name"); // opening the widget put focus in the form
        await Accessibility.ExpectNoSeriousViolationsAsync(site, "the widget out of hours");

        await site.GetByLabel("Email", new() { Exact = true }).FillAsync("night.owl@example.com");
        await site.GetByLabel("Your message").FillAsync("Can you call me tomorrow morning?");
        await site.GetByLabel("Your message").PressAsync("Enter");
        await Expect(site.Locator(".msg-self .bubble")).ToHaveTextAsync(["Can you call me tomorrow morning?"]);
        await Expect(site.GetByTestId("reply-note")).ToHaveTextAsync("We'll reply here, or by email to night.owl@example.com.");
    }

    private static async Task ReplyAsync(HttpClient agent, string conversationId, string text)
    {
        var response = await agent.PostAsJsonAsync($"/api/conversations/{conversationId}/messages", new { text }, EndToEndFixture.Json);
        response.EnsureSuccessStatusCode();
    }

    private static async Task<ConversationThread> ThreadAsync(HttpClient agent, string conversationId) =>
        (await agent.GetFromJsonAsync<ConversationThread>($"/api/conversations/{conversationId}", EndToEndFixture.Json))!;
}
