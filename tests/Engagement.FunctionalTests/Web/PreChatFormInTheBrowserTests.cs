using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Engagement.FunctionalTests.EndToEnd;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Engagement.FunctionalTests.Web;

/// <summary>
/// A queue's pre-chat form in the browser (docs/protocol.md, Pre-chat form; docs/web.md): the widget asks it before
/// the chat starts, checks it as the server does with the problem announced at its field, by keyboard; the agent who
/// answers finds the answers in the live context, and in the workspace's contacts view with the conversation, which
/// opens in the shared inbox. axe-core finds nothing serious on the way.
/// </summary>
[Collection(WebCollection.Name)]
public class PreChatFormInTheBrowserTests(WebFixture web)
{
    [Fact]
    public async Task A_visitor_answers_the_form_before_the_chat_and_the_agent_sees_the_answers_in_the_context_and_the_contacts_view()
    {
        await using var served = await web.ServedQueueAsync("Priya Rao");
        var workspace = served.Workspace;
        using (var admin = web.Server.Http(web.Server.AdminToken))
        {
            var saved = await admin.PutAsJsonAsync($"/api/queues/{served.Queue}", new
            {
                name = "Web " + served.Queue, skills = new[] { "skill-" + served.Queue }, offerTimeout = TimeSpan.FromSeconds(60),
                preChatForm = new
                {
                    name = "required", email = "optional",
                    fields = new object[]
                    {
                        new { key = "company", label = "Company", kind = "text", required = false },
                        new { key = "teamSize", label = "Team size", kind = "select", required = true, options = new[] { "1–10", "11–50", "51+" } },
                    },
                    consent = new { text = "Lumina may keep this chat to answer me.", required = true },
                },
            }, EndToEndFixture.Json);
            saved.EnsureSuccessStatusCode();
        }

        await using var visitor = await web.VisitorOnAsync(served.Queue);
        var site = await WebPages.OpenSiteAsync(visitor, "/");
        await WebPages.OpenWidgetAsync(site);
        var form = site.GetByTestId("prechat-form");
        await Expect(form.GetByLabel("Team size")).ToBeVisibleAsync();
        await Keyboard.ExpectFocusOnAsync(site, "Your name");
        await Expect(form.GetByLabel("Your name")).ToHaveAttributeAsync("aria-required", "true");
        await Expect(form.GetByLabel("Email")).Not.ToHaveAttributeAsync("aria-required", "true");

        // Nothing answered: the first problem is announced at its field, which takes the focus.
        var chat = site.GetByRole(AriaRole.Button, new() { Name = "Chat with the Lumina team" });
        await chat.ClickAsync();
        await Expect(site.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Enter your name.");
        await Expect(form.GetByLabel("Your name")).ToHaveAttributeAsync("aria-invalid", "true");
        await Keyboard.ExpectFocusOnAsync(site, "Your name");
        await Accessibility.ExpectNoSeriousViolationsAsync(site, "the widget's pre-chat form with an error");

        // By keyboard: the name, Tab past the optional email, the company, the team size; the consent box is still unticked.
        await site.Keyboard.TypeAsync("Rosa Lind");
        await site.Keyboard.PressAsync("Tab");
        await Keyboard.ExpectFocusOnAsync(site, "Email");
        await site.Keyboard.PressAsync("Tab");
        await Keyboard.ExpectFocusOnAsync(site, "Company");
        await site.Keyboard.TypeAsync("Acme Boats");
        await site.Keyboard.PressAsync("Tab");
        await Keyboard.ExpectFocusOnAsync(site, "Team size");
        await form.GetByLabel("Team size").SelectOptionAsync("11–50");
        await site.GetByLabel("What can we help you with? (optional)").FillAsync("Pricing for teams");
        await chat.ClickAsync();
        await Expect(site.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Please tick the box to agree before we go on.");
        await Keyboard.ExpectFocusOnAsync(site, "Lumina may keep this chat");
        await site.Keyboard.PressAsync("Space");
        await Expect(form.GetByRole(AriaRole.Checkbox)).ToBeCheckedAsync();
        await Expect(site.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0); // fixed: the problem is gone
        await WebPages.ScreenshotAsync(site, "widget-prechat");
        await chat.ClickAsync();

        // The chat starts; the agent who answers finds the answers among the visitor's facts.
        await WebPages.AcceptOfferAsync(workspace, "Pricing for teams");
        var customerId = await WebPages.CustomerIdAsync(site);
        var context = workspace.Locator(".ws-context");
        await Expect(context).ToContainTextAsync("Rosa Lind");
        var facts = context.GetByRole(AriaRole.Region, new() { Name = "Facts" });
        await Expect(facts).ToContainTextAsync("teamSize");
        await Expect(facts).ToContainTextAsync("11–50");
        await Expect(facts).ToContainTextAsync("Lumina may keep this chat to answer me.");

        // The contacts view: found by name, with the answers and the conversation, which opens in the shared inbox.
        await workspace.GetByTestId("mode-contacts").ClickAsync();
        await workspace.GetByTestId("contacts-search").FillAsync("rosa lind");
        var row = workspace.GetByTestId("contact-row").Filter(new() { HasText = "Rosa Lind" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("1 conversation");
        await row.ClickAsync();
        var detail = workspace.GetByTestId("contact-detail");
        await Expect(detail.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Rosa Lind");
        await Expect(detail).ToContainTextAsync(customerId);
        var attributes = detail.GetByTestId("contact-attributes");
        await Expect(attributes).ToContainTextAsync("Acme Boats");
        await Expect(attributes).ToContainTextAsync("11–50");
        await Expect(attributes).ToContainTextAsync("consentAt");
        await Expect(detail.GetByRole(AriaRole.Heading, new() { Name = "Merge into a customer" })).ToBeVisibleAsync();
        await Accessibility.ExpectNoSeriousViolationsAsync(workspace, "the contacts view with a contact open");
        await WebPages.ScreenshotAsync(workspace, "workspace-contacts");
        await detail.GetByTestId("contact-conversations").GetByRole(AriaRole.Button, new() { Name = "Pricing for teams" }).ClickAsync();
        await Expect(workspace.GetByTestId("mode-inbox")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(workspace.GetByTestId("inbox-conversation").GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(new Regex("Rosa Lind"));
    }
}
