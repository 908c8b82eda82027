using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Engagement.Api.OrleansDashboard;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Engagement.FunctionalTests.Web;

/// <summary>
/// The Orleans dashboard, served by the silo (docs/operations.md, "The Orleans dashboard"): an admin opens it from the
/// admin pages and sees this cluster's silos and grains; operators get in too, nobody else, by page load or by request.
/// </summary>
[Collection(WebCollection.Name)]
public class OrleansDashboardTests(WebFixture web)
{
    private const string Counters = "/orleans-dashboard/DashboardCounters";

    [Fact]
    public async Task An_admin_opens_it_from_the_admin_pages_and_sees_the_clusters_silos_and_grains()
    {
        // Anonymous: a page load lands on the sign-in, and nothing of the dashboard shows.
        await using var anonymous = await web.NewContextAsync();
        var nobody = await anonymous.NewPageAsync();
        await nobody.GotoAsync("/orleans-dashboard/");
        await Expect(nobody).ToHaveURLAsync(new Regex("/operator/$"));
        await Expect(nobody.GetByLabel("Work email")).ToBeVisibleAsync();
        await Expect(nobody.GetByText("Active Silos")).ToHaveCountAsync(0);

        // An agent, signed in, is refused the dashboard's cookie and its data.
        var agent = await web.CreateStaffAsync("Otto Agent");
        var agentToken = (await web.Server.LoginAsync(agent.Email, agent.Password)).Token;
        await using var agentBrowser = await web.NewContextAsync();
        var bearer = new Dictionary<string, string> { ["Authorization"] = $"Bearer {agentToken}" };
        Assert.Equal(403, (await agentBrowser.APIRequest.PostAsync(OrleansDashboardAccess.SessionRoute, new() { Headers = bearer })).Status);
        Assert.Equal(403, (await agentBrowser.APIRequest.GetAsync(Counters, new() { Headers = bearer })).Status);

        // An admin: one click on the admin pages, and the dashboard shows this cluster.
        var admin = await web.CreateStaffAsync("Olga Operator", role: "admin");
        await using var browser = await web.NewContextAsync(1440, 900);
        var page = await WebPages.SignInAsync(browser, "/admin/", admin);
        await page.GetByRole(AriaRole.Button, new() { Name = "Orleans dashboard" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/orleans-dashboard/"));
        var silos = page.Locator(".info-box").Filter(new() { HasText = "Active Silos" }).Locator(".info-box-number");
        var activations = page.Locator(".info-box").Filter(new() { HasText = "Total Activations" }).Locator(".info-box-number");
        await Expect(silos).ToHaveTextAsync(new Regex(@"^[1-9]\d*$"));
        await Expect(activations).ToHaveTextAsync(new Regex(@"^[1-9]\d*$"));
        await WebPages.ScreenshotAsync(page, "orleans-dashboard");

        // This node's silo, by its address, and our grains (the admin's own account among them).
        var silo = web.Server.Node.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        await page.GetByRole(AriaRole.Link, new() { Name = "Silos", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"{silo.Endpoint.Address}:{silo.Endpoint.Port}" }).First).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Grains", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "AgentGrain" }).First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Only_operators_get_in_and_the_cookie_serves_the_dashboard_alone()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = web.BaseUrl };
        var agent = await web.CreateStaffAsync("Ugo Agent");
        var supervisor = await web.CreateStaffAsync("Sue Supervisor", role: "supervisor");
        var agentToken = (await web.Server.LoginAsync(agent.Email, agent.Password)).Token;
        var supervisorToken = (await web.Server.LoginAsync(supervisor.Email, supervisor.Password)).Token;

        // Anonymous: 401 for requests, the sign-in page for a page load.
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(http, HttpMethod.Get, Counters)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(http, HttpMethod.Post, OrleansDashboardAccess.SessionRoute)).StatusCode);
        var pageLoad = await SendAsync(http, HttpMethod.Get, "/orleans-dashboard/", accept: "text/html");
        Assert.Equal((HttpStatusCode.Redirect, "/operator/"), (pageLoad.StatusCode, pageLoad.Headers.Location?.OriginalString));

        // Agents and supervisors: 403, with a bearer token or asking for the cookie.
        foreach (var token in new[] { agentToken, supervisorToken })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(http, HttpMethod.Get, Counters, token)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(http, HttpMethod.Post, OrleansDashboardAccess.SessionRoute, token)).StatusCode);
        }

        // An operator gets in as an admin does.
        var op = await web.CreateStaffAsync("Olga Operator", role: "operator");
        var operatorToken = (await web.Server.LoginAsync(op.Email, op.Password)).Token;
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Post, OrleansDashboardAccess.SessionRoute, operatorToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Get, Counters, operatorToken)).StatusCode);

        // An admin gets a cookie for the dashboard's path only, short-lived, out of scripts' reach.
        var session = await SendAsync(http, HttpMethod.Post, OrleansDashboardAccess.SessionRoute, web.Server.AdminToken);
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        var body = JsonNode.Parse(await session.Content.ReadAsStringAsync())!;
        Assert.Equal("/orleans-dashboard/", body["url"]!.GetValue<string>());
        var setCookie = Assert.Single(session.Headers.GetValues("Set-Cookie"));
        Assert.Contains("path=/orleans-dashboard", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        var cookie = setCookie[..setCookie.IndexOf(';', StringComparison.Ordinal)];
        var cookieToken = cookie[(cookie.IndexOf('=', StringComparison.Ordinal) + 1)..];
        Assert.True(body["expiresAt"]!.GetValue<DateTimeOffset>() <= DateTimeOffset.UtcNow.AddHours(1).AddMinutes(1));

        var audit = await SendAsync(http, HttpMethod.Get, "/api/audit?action=orleans_dashboard.open&limit=1", web.Server.AdminToken);
        var entry = JsonNode.Parse(await audit.Content.ReadAsStringAsync())!["entries"]![0]!;
        Assert.Equal(("admin", "orleans_dashboard"), (entry["actorRole"]!.GetValue<string>(), entry["targetKind"]!.GetValue<string>()));

        // The cookie alone opens the page and its data: this cluster's silos.
        var counters = await SendAsync(http, HttpMethod.Get, Counters, cookie: cookie);
        Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
        Assert.True(JsonNode.Parse(await counters.Content.ReadAsStringAsync())!["totalActiveHostCount"]!.GetValue<int>() >= 1);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Get, "/orleans-dashboard/", accept: "text/html", cookie: cookie)).StatusCode);

        // Its token is the dashboard's alone; an API token in the cookie opens nothing.
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(http, HttpMethod.Get, "/api/agents", cookieToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(http, HttpMethod.Get, Counters, cookie: $"{OrleansDashboardAccess.CookieName}={web.Server.AdminToken}")).StatusCode);

        // Any grain's state, even for an admin: not served.
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(http, HttpMethod.Get, "/orleans-dashboard/GrainState?grainId=agent/x&grainType=x", web.Server.AdminToken)).StatusCode);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string? token = null, string accept = "application/json", string? cookie = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        return http.SendAsync(request);
    }
}
