using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Engagement.FunctionalTests.Web;

/// <summary>
/// The small things a visitor trips over: a placeholder cut short, a limit that silently eats text, a right-to-left
/// message shown left to right, an error that outlives its cause.
/// </summary>
[Collection(WebCollection.Name)]
public class WidgetComposerAndRatingTests(WebFixture web)
{
    private const string Arabic = "مرحبا، أحتاج مساعدة في الفاتورة";

    [Fact]
    public async Task The_composer_shows_its_limit_keeps_long_text_and_right_to_left_text_reads_right_to_left()
    {
        await using var served = await web.ServedQueueAsync("Samir Aziz");
        var (queue, workspace) = (served.Queue, served.Workspace);
        await using var visitor = await web.VisitorOnAsync(queue);
        var site = await WebPages.OpenSiteAsync(visitor, "/");
        await WebPages.OpenWidgetAsync(site);
        await WebPages.StartChatAsync(site, "Billing");
        await Expect(site.GetByTestId("queue-status")).ToBeVisibleAsync();

        // While waiting, the placeholder fits the box on one line.
        var box = WebPages.MessageBox(site);
        var (placeholder, textWidth, room) = await PlaceholderFitAsync(box);
        Assert.True(textWidth <= room, $"the placeholder \"{placeholder}\" needs {textWidth:0} px and has {room:0} px");

        // Near the limit a counter says what is left; over it, the text stays whole and is not sent.
        var counter = site.GetByTestId("char-count");
        await box.FillAsync(new string('a', 3_000));
        await Expect(counter).ToHaveTextAsync("");
        await box.FillAsync(new string('a', 3_700));
        await Expect(counter).ToHaveTextAsync("300 characters left");
        await box.FillAsync(new string('a', 4_010));
        await Expect(counter).ToHaveTextAsync("10 characters too long");
        Assert.Equal(4_010, await box.EvaluateAsync<int>("el => el.value.length"));
        await box.PressAsync("Enter");
        await Expect(site.GetByRole(AriaRole.Button, new() { Name = "Send message" })).ToBeDisabledAsync();
        await Expect(site.Locator(".msg-self")).ToHaveCountAsync(0);
        Assert.Equal(4_010, await box.EvaluateAsync<int>("el => el.value.length"));

        // Arabic reads right to left in the widget and in the workspace.
        await box.FillAsync(Arabic);
        await box.PressAsync("Enter");
        await Expect(counter).ToHaveTextAsync("");
        var bubble = site.Locator(".msg-self .bubble").Last;
        await Expect(bubble).ToHaveTextAsync(Arabic);
        await Expect(bubble).ToHaveCSSAsync("direction", "rtl");
        await WebPages.AcceptOfferAsync(workspace, "Billing");
        var received = workspace.Locator(".msg-other .bubble").Last;
        await Expect(received).ToHaveTextAsync(Arabic);
        await Expect(received).ToHaveCSSAsync("direction", "rtl");
        await WebPages.ReplyBox(workspace).FillAsync("Hello");
        await Expect(WebPages.ReplyBox(workspace)).ToHaveCSSAsync("direction", "ltr");

        // The rating's error goes as soon as a star is chosen.
        await workspace.GetByRole(AriaRole.Button, new() { Name = "Close…" }).ClickAsync();
        await workspace.GetByRole(AriaRole.Button, new() { Name = "Close conversation" }).ClickAsync();
        await site.GetByRole(AriaRole.Button, new() { Name = "Send feedback" }).ClickAsync();
        var error = site.GetByRole(AriaRole.Alert);
        await Expect(error).ToHaveTextAsync("Choose a rating from 1 to 5 stars.");
        await site.GetByRole(AriaRole.Radio, new() { Name = "4 stars: Good" }).ClickAsync();
        await Expect(error).ToHaveCountAsync(0);
        await site.GetByRole(AriaRole.Button, new() { Name = "Send feedback" }).ClickAsync();
        await Expect(site.GetByText("Thanks for your feedback!")).ToBeVisibleAsync();
    }

    /// <summary>The placeholder's width in the box's font, and the width it has inside the box's padding.</summary>
    private static async Task<(string Placeholder, double TextWidth, double Room)> PlaceholderFitAsync(ILocator box)
    {
        var fit = await box.EvaluateAsync<double[]>("""
            el => {
              const style = getComputedStyle(el);
              const context = document.createElement('canvas').getContext('2d');
              context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
              return [context.measureText(el.placeholder).width, el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)];
            }
            """);
        return (await box.GetAttributeAsync("placeholder") ?? "", fit[0], fit[1]);
    }
}
