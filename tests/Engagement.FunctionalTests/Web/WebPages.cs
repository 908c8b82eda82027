using Engagement.LoadTests.Cluster;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Engagement.FunctionalTests.Web;

/// <summary>What a person does in the three front ends, as Playwright steps (roles and labels, as a screen reader sees them).</summary>
public static class WebPages
{
    // ---- the sample site with the widget ----

    public static async Task<IPage> OpenSiteAsync(IBrowserContext context, string path = "/")
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await Expect(Launcher(page)).ToBeVisibleAsync();
        return page;
    }

    public static ILocator Launcher(IPage page) => page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^(Open|Close) chat") });

    public static async Task OpenWidgetAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Open chat") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog, new() { NameRegex = new Regex("^Chat with") })).ToBeVisibleAsync();
    }

    public static ILocator MessageBox(IPage page) => page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true });

    /// <summary>The visitor's id from the SDK (window.Engagement.customerId), once the widget has its token.</summary>
    public static async Task<string> CustomerIdAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => window.Engagement && window.Engagement.customerId");
        return await page.EvaluateAsync<string>("() => window.Engagement.customerId");
    }

    /// <summary>The widget's open session, as it keeps it to resume on the next page.</summary>
    public static async Task<string> SessionIdAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => localStorage.getItem('engagement.session@' + location.origin)");
        return await page.EvaluateAsync<string>("() => JSON.parse(localStorage.getItem('engagement.session@' + location.origin)).sessionId");
    }

    // ---- workspace and dashboard ----

    public static async Task<IPage> SignInAsync(IBrowserContext context, string path, WebFixture.Staff staff)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await page.GetByLabel("Work email").FillAsync(staff.Email);
        await page.GetByLabel("Password").FillAsync(staff.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        return page;
    }

    public static async Task<IPage> OpenWorkspaceAsync(IBrowserContext context, WebFixture.Staff agent)
    {
        var page = await SignInAsync(context, "/workspace/", agent);
        await Expect(page.GetByTestId("agent-presence")).ToContainTextAsync("Available");
        return page;
    }

    public static ILocator ReplyBox(IPage page) => page.GetByRole(AriaRole.Textbox, new() { Name = "Reply", Exact = true });

    /// <summary>Accepts the offer for the given topic and waits until its conversation is open.</summary>
    public static async Task AcceptOfferAsync(IPage workspace, string topic)
    {
        var offer = workspace.GetByTestId("offer").Filter(new() { HasText = topic });
        await offer.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(workspace.Locator(".convo-header")).ToContainTextAsync(topic);
        await Expect(ReplyBox(workspace)).ToBeVisibleAsync();
    }

    /// <summary>Saves a screenshot into docs/screenshots/ (shown in README.md).</summary>
    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryRoot.Find(), "docs", "screenshots", name + ".png") });
}
