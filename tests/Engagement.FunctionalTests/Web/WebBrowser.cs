using Microsoft.Playwright;

namespace Engagement.FunctionalTests.Web;

/// <summary>Debian's Chromium (/usr/bin/chromium), headless, driven by Playwright, as every web test uses it.</summary>
public sealed class WebBrowser : IAsyncDisposable
{
    // The fake camera and microphone (and loopback WebRTC) let the call tests run real media between two pages.
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage",
        "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", "--allow-loopback-in-peer-connection",
        "--autoplay-policy=no-user-gesture-required", "--disable-features=WebRtcHideLocalIpsWithMdns",
    ];

    private readonly IPlaywright _playwright;

    private WebBrowser(IPlaywright playwright, IBrowser browser) => (_playwright, Browser) = (playwright, browser);

    public IBrowser Browser { get; }

    public static async Task<WebBrowser> LaunchAsync()
    {
        // Generous waits for a shared 2-core machine: tests wait for behaviour, never assert how long it took.
        Assertions.SetDefaultExpectTimeout(30_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
        return new WebBrowser(playwright, browser);
    }

    /// <summary>A new browser profile (own localStorage: a new visitor, or a staff member signed out) on <paramref name="baseUrl"/>.</summary>
    public async Task<IBrowserContext> NewContextAsync(Uri baseUrl, int width = 1440, int height = 900, string? timeZone = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            TimezoneId = timeZone,
            Locale = "en-US",
        });
        context.SetDefaultTimeout(30_000);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
