using System.Net.Http.Json;
using Engagement.FunctionalTests.EndToEnd;
using Engagement.Media.Tests;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace Engagement.FunctionalTests.Web;

/// <summary>
/// Issue 11's first journey, in the browser and over real mail: a visitor comes out of hours and leaves a message
/// with an email address; the next day the agent answers from the shared inbox; the reply arrives by SMTP; the
/// visitor answers by email and the answer lands in the same conversation in the workspace, live; on a later visit
/// the widget shows the whole thread.
/// </summary>
[Collection(WebCollection.Name)]
public class OutOfHoursJourneyTests(WebFixture web)
{
    [Fact]
    public async Task Out_of_hours_a_message_is_answered_the_next_day_by_email_and_the_emailed_answer_reaches_the_workspace_and_the_widget()
    {
        await using var served = await web.ServedQueueAsync("Ola Nordmann");
        await SetHoursAsync(served.Queue, OpensTomorrow());
        var address = $"dana-{Guid.NewGuid():N}@example.com";

        // Out of hours: the widget takes a message instead of a chat.
        await using var visitor = await web.VisitorOnAsync(served.Queue, timeZone: "UTC");
        var site = await WebPages.OpenSiteAsync(visitor, "/");
        await WebPages.OpenWidgetAsync(site);
        await Expect(site.GetByRole(AriaRole.Heading, new() { Name = "Leave us a message" })).ToBeVisibleAsync();
        await site.GetByLabel("Your name (optional)").FillAsync("Dana Berg");
        await site.GetByLabel("Email", new() { Exact = true }).FillAsync(address);
        await site.GetByLabel("Your message").FillAsync("Can I change my delivery address?");
        await site.GetByRole(AriaRole.Button, new() { Name = "Send message" }).ClickAsync();
        await Expect(site.GetByTestId("reply-note")).ToContainTextAsync(address);
        var conversationId = (await site.Locator("[data-conversation-id]").GetAttributeAsync("data-conversation-id"))!;
        var customerId = await VisitorIdAsync(conversationId);
        await site.CloseAsync(); // the visitor leaves the site
        var customer = web.Server.Node.Services.GetRequiredService<IGrainFactory>().GetCustomer(customerId);
        await Eventually.Until(() => customer.GetPresence(), p => p.Overall == CustomerPresence.Offline, "the visitor to leave the site");

        // The next day (the queue opens): the agent finds the message in the inbox and answers it.
        await SetHoursAsync(served.Queue, null);
        var workspace = served.Workspace;
        await workspace.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Shared inbox") }).ClickAsync();
        var row = workspace.GetByTestId("inbox-row").Filter(new() { HasText = "Dana Berg" });
        await row.ClickAsync();
        var conversation = workspace.GetByTestId("inbox-conversation");
        await Expect(conversation.Locator(".msg-other .bubble")).ToHaveTextAsync("Can I change my delivery address?");
        await WebPages.AgentSaysAsync(workspace, "Yes: reply with the new address and we'll update it.");

        // The reply arrives by real SMTP; the visitor answers it from their mail program.
        var reply = await web.Mail.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == address), "the reply at the visitor's address");
        Assert.Contains("Yes: reply with the new address", reply.TextBody);
        var answer = new MimeMessage();
        answer.From.Add(new MailboxAddress("Dana Berg", address));
        answer.To.Add(reply.ReplyTo.Mailboxes.Single());
        answer.Subject = "Re: " + reply.Subject;
        answer.InReplyTo = reply.MessageId;
        answer.Body = new TextPart("plain") { Text = "It is Storgata 1, 0155 Oslo.\n\n> Yes: reply with the new address and we'll update it." };
        using (var smtp = new SmtpClient())
        {
            await smtp.ConnectAsync("127.0.0.1", web.MailPort, SecureSocketOptions.None);
            await smtp.SendAsync(answer);
            await smtp.DisconnectAsync(true);
        }

        // It lands in the same conversation, live in the open workspace.
        await Expect(conversation.Locator(".msg-other .bubble").Last).ToHaveTextAsync("It is Storgata 1, 0155 Oslo.");

        // A later visit: the widget shows the whole thread, the emailed answer included.
        var again = await WebPages.OpenSiteAsync(visitor, "/");
        await WebPages.OpenWidgetAsync(again);
        await again.GetByTestId("conversation-item").First.ClickAsync();
        await Expect(again.Locator(".messages .bubble")).ToHaveTextAsync(
            ["Can I change my delivery address?", "Yes: reply with the new address and we'll update it.", "It is Storgata 1, 0155 Oslo."]);
    }

    private static object OpensTomorrow()
    {
        var tomorrow = DateTimeOffset.UtcNow.Date.AddDays(1);
        return new { timeZone = "UTC", weekly = new[] { new { day = tomorrow.DayOfWeek.ToString().ToLowerInvariant(), opens = "09:00:00", closes = "17:00:00" } }, holidays = Array.Empty<string>() };
    }

    private async Task SetHoursAsync(string queue, object? hours)
    {
        using var admin = web.Server.Http(web.Server.AdminToken);
        var updated = await admin.PutAsJsonAsync($"/api/queues/{queue}", new { name = "Web " + queue, skills = new[] { "skill-" + queue }, hours }, EndToEndFixture.Json);
        updated.EnsureSuccessStatusCode();
    }

    private async Task<string> VisitorIdAsync(string conversationId)
    {
        using var admin = web.Server.Http(web.Server.AdminToken);
        var thread = await admin.GetFromJsonAsync<ConversationThread>($"/api/conversations/{conversationId}", EndToEndFixture.Json);
        return thread!.Conversation.ContactId;
    }
}
