using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Engagement.FunctionalTests.EndToEnd;
using static Microsoft.Playwright.Assertions;

namespace Engagement.FunctionalTests.Web;

/// <summary>
/// An admin changes the widget's colour and greeting in the admin app's Widget tab; the sample site's widget then
/// greets in those words and paints itself in that colour (docs/protocol.md, Widget settings).
/// </summary>
[Collection(WebCollection.Name)]
public class WidgetSettingsInTheBrowserTests(WebFixture web)
{
    [Fact]
    public async Task The_sample_site_shows_the_greeting_and_colour_an_admin_saved()
    {
        var admin = await web.CreateStaffAsync("Wanda Admin", role: "admin");
        try
        {
            await using var adminBrowser = await web.NewContextAsync(1440, 1000);
            var page = await WebPages.SignInAsync(adminBrowser, "/admin/", admin);
            await page.GetByRole(AriaRole.Tab, new() { Name = "Widget" }).ClickAsync();
            await page.GetByLabel("Brand colour").FillAsync("#0f766e");
            await page.GetByLabel("Greeting title").FillAsync("Welcome to Lumina");
            await page.GetByLabel("Greeting text").FillAsync("Ask us about your lamps.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");

            // Too long a title: the API's refusal shows next to the form, naming the field.
            await page.GetByLabel("Start button label").FillAsync(new string('x', Limits.WidgetHeading + 1));
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("too_large");
            await Accessibility.ExpectNoSeriousViolationsAsync(page, "the admin widget tab");
            await WebPages.ScreenshotAsync(page, "admin-widget");

            await using var visitorBrowser = await web.NewContextAsync();
            var site = await WebPages.OpenSiteAsync(visitorBrowser);
            await Expect(WebPages.Launcher(site)).ToHaveCSSAsync("background-image", new Regex(@"rgb\(15, 118, 110\)"));
            await WebPages.OpenWidgetAsync(site);
            var panel = WebPages.ChatPanel(site);
            await Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "Welcome to Lumina" })).ToBeVisibleAsync();
            await Expect(panel).ToContainTextAsync("Ask us about your lamps.");
            // The page's own data-team still names the start button.
            await Expect(panel.GetByRole(AriaRole.Button, new() { Name = "Chat with the Lumina team" })).ToBeVisibleAsync();
        }
        finally
        {
            using var http = web.Server.Http(web.Server.AdminToken);
            (await http.PutAsJsonAsync("/api/widget/settings", new { }, EndToEndFixture.Json)).EnsureSuccessStatusCode();
        }
    }
}
