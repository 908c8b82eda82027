using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Engagement.FunctionalTests.EndToEnd;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Engagement.FunctionalTests.Web;

/// <summary>
/// The workspace's context panel follows the customer live: identity from the SDK's identify, local time from
/// the browser's time zone, the page trail as the visitor navigates, and device signals, location and
/// weather posted to the ingestion endpoint.
/// </summary>
[Collection(WebCollection.Name)]
public class LiveContextTests(WebFixture web)
{
    [Fact]
    public async Task The_context_panel_updates_when_the_visitor_navigates_and_when_a_device_signal_is_posted()
    {
        var agent = await web.CreateStaffAsync("Marco Rossi", title: "Solutions engineer");
        await using var agentBrowser = await web.NewContextAsync();
        var workspace = await WebPages.OpenWorkspaceAsync(agentBrowser, agent);

        await using var visitorBrowser = await web.NewContextAsync(1280, 860, timeZone: "Europe/Berlin");
        var site = await WebPages.OpenSiteAsync(visitorBrowser, "/");
        // The company's page identifies its signed-in customer with a hash its server computed.
        var customerId = "cust-" + Guid.NewGuid().ToString("N")[..10];
        var hash = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(EndToEndFixture.IdentitySecret), Encoding.UTF8.GetBytes(customerId)));
        await WebPages.CustomerIdAsync(site);
        await site.EvaluateAsync("([id, hash]) => window.Engagement.identify(id, { name: 'Carol Jensen', email: 'carol@northwind.example' }, hash)", new[] { customerId, hash });
        await site.WaitForFunctionAsync("id => window.Engagement.customerId === id", customerId);

        await WebPages.OpenWidgetAsync(site);
        const string topic = "Upgrading our workspace";
        await site.GetByLabel("What can we help you with? (optional)").FillAsync(topic);
        await site.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Chat with Marco Rossi,") }).ClickAsync();
        await WebPages.AcceptOfferAsync(workspace, topic);

        var panel = workspace.GetByTestId("context-panel");
        await Expect(panel.GetByTestId("ctx-name")).ToHaveTextAsync("Carol Jensen");
        await Expect(panel.GetByTestId("ctx-local-time")).ToContainTextAsync("Europe/Berlin");
        await Expect(panel.GetByTestId("ctx-trail")).ToContainTextAsync("Lumina — real-time analytics");

        // The visitor navigates: the new page tops the trail (the widget resumes the session on the new page, its panel
        // still open), and the conversation's header says where the visitor is now.
        await site.GotoAsync("/pricing/");
        await Expect(panel.GetByTestId("ctx-trail").Locator("li.current")).ToContainTextAsync("Pricing — Lumina");
        await Expect(WebPages.ChatPanel(site)).ToBeVisibleAsync();
        await Expect(workspace.GetByTestId("convo-whereabouts")).ToHaveTextAsync("Online on Pricing — Lumina");

        // A device and the back end post signals: the panel shows them without a reload.
        using (var http = web.Server.Http(web.Server.AdminToken))
        {
            var response = await http.PostAsJsonAsync($"/api/context/{customerId}/signals", new
            {
                signals = new object[]
                {
                    new { kind = "device", name = "temperature", values = new Dictionary<string, object> { ["value"] = 21.5, ["unit"] = "°C", ["deviceId"] = "thermostat-7" } },
                    new { kind = "location", values = new Dictionary<string, object> { ["city"] = "Berlin", ["country"] = "DE", ["latitude"] = 52.52, ["longitude"] = 13.405, ["timeZone"] = "Europe/Berlin" } },
                    new { kind = "weather", values = new Dictionary<string, object> { ["summary"] = "Light rain", ["temperatureC"] = 7.5 } },
                    new { kind = "fact", name = "role", values = new Dictionary<string, object> { ["value"] = "Head of Analytics" } },
                    new { kind = "fact", name = "company", values = new Dictionary<string, object> { ["value"] = "Northwind" } },
                    new { kind = "fact", name = "plan", values = new Dictionary<string, object> { ["value"] = "starter" } },
                },
            }, EndToEndFixture.Json);
            response.EnsureSuccessStatusCode();
        }
        var reading = panel.GetByTestId("device-reading").Filter(new() { HasText = "temperature" });
        await Expect(reading).ToContainTextAsync("21.5 °C");
        await Expect(reading).ToContainTextAsync("thermostat-7");
        await Expect(panel.GetByTestId("ctx-location")).ToContainTextAsync("Berlin, DE");
        await Expect(panel.GetByTestId("ctx-weather")).ToContainTextAsync("Light rain");
        await Expect(panel).ToContainTextAsync("Head of Analytics · Northwind");

        // A custom event from the site's SDK shows under recent events.
        await site.EvaluateAsync("() => window.Engagement.track('compared_plans', { from: 'starter', to: 'growth' })");
        await Expect(panel.GetByTestId("ctx-events")).ToContainTextAsync("compared_plans");

        await WebPages.ReplyBox(workspace).FillAsync("Hi Carol! I see you're comparing Starter and Growth — happy to help.");
        await WebPages.ReplyBox(workspace).PressAsync("Enter");
        await WebPages.OpenWidgetAsync(site);
        await Expect(site.Locator(".msg-other .bubble").Last).ToContainTextAsync("Hi Carol!");
        await WebPages.MessageBox(site).FillAsync("Yes — mostly about SSO and seats.");
        await WebPages.MessageBox(site).PressAsync("Enter");
        await Expect(workspace.Locator(".msg-other .bubble").Last).ToHaveTextAsync("Yes — mostly about SSO and seats.");
        await WebPages.ScreenshotAsync(workspace, "workspace");
    }
}
