using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Engagement.FunctionalTests.Api;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Engagement.FunctionalTests.Web;

/// <summary>
/// Files in the browser (docs/protocol.md, Attachments; docs/web.md): a visitor sends an image in a live chat, which the
/// agent sees previewed and downloads; the agent sends a PDF back, a chip the visitor downloads; a program named like a
/// photo is refused in words and never sent. In the shared inbox the agent replies with a file.
/// </summary>
[Collection(WebCollection.Name)]
public class AttachmentsInTheBrowserTests(WebFixture web)
{
    /// <summary>Enough of a PDF for the server to know it by its first bytes (it judges files by their bytes).</summary>
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    /// <summary>The start of a Windows program: "MZ", and at the offset it names, "PE".</summary>
    private static byte[] Program()
    {
        var bytes = new byte[512];
        bytes[0] = (byte)'M';
        bytes[1] = (byte)'Z';
        bytes[0x3C] = 0x80;
        "PE\0\0"u8.CopyTo(bytes.AsSpan(0x80));
        return bytes;
    }

    [Fact]
    public async Task A_visitor_sends_an_image_the_agent_sends_a_PDF_back_and_a_program_named_like_a_photo_is_refused()
    {
        await using var served = await web.ServedQueueAsync("Ines Duarte", "Support engineer");
        var workspace = served.Workspace;
        await using var visitor = await web.VisitorOnAsync(served.Queue);
        var site = await WebPages.OpenSiteAsync(visitor);
        await WebPages.OpenWidgetAsync(site);
        const string topic = "The export button does nothing";
        await WebPages.StartChatAsync(site, topic);
        await WebPages.AcceptOfferAsync(workspace, topic);
        var sessionId = await WebPages.SessionIdAsync(site);

        // The visitor attaches a picture of the page (a real PNG, 320 × 200) with the paperclip, and sends it with words.
        var png = await site.ScreenshotAsync(new() { Clip = new() { X = 0, Y = 0, Width = 320, Height = 200 } });
        await AttachAsync(site, new FilePayload { Name = "export-button.png", MimeType = "image/png", Buffer = png });
        await Expect(site.Locator(".att-pending-item")).ToHaveAttributeAsync("data-state", "ready");
        await WebPages.VisitorSaysAsync(site, "This is what I see.");
        await Expect(site.Locator(".att-pending-item")).ToHaveCountAsync(0);
        await Expect(site.Locator(".msg-self .att-image img")).ToHaveJSPropertyAsync("naturalWidth", 320);

        // The agent sees the preview load, full size behind it, and downloads the very file.
        var message = workspace.Locator(".msg-other").Filter(new() { Has = workspace.Locator(".att-image") });
        await Expect(message.Locator(".bubble")).ToHaveTextAsync("This is what I see.");
        var preview = message.Locator(".att-image img");
        await Expect(preview).ToHaveAttributeAsync("alt", "export-button.png");
        await Expect(preview).ToHaveJSPropertyAsync("naturalWidth", 320);
        await Expect(message.GetByRole(AriaRole.Link, new() { Name = "export-button.png", Exact = true })).ToHaveAttributeAsync("target", "_blank");
        var download = await workspace.RunAndWaitForDownloadAsync(() =>
            message.GetByRole(AriaRole.Link, new() { Name = "Download export-button.png" }).ClickAsync());
        Assert.Equal("export-button.png", download.SuggestedFilename);
        Assert.Equal(png, await File.ReadAllBytesAsync((await download.PathAsync())!));
        await WebPages.ScreenshotAsync(workspace, "workspace-attachments");
        await Accessibility.ExpectNoSeriousViolationsAsync(workspace, "a conversation with an image");

        // The agent sends a PDF back, without words; the visitor gets a chip with its name and size, and downloads it.
        await AttachAsync(workspace, new FilePayload { Name = "export-guide.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await Expect(workspace.Locator(".att-pending-item")).ToHaveAttributeAsync("data-state", "ready");
        await workspace.GetByRole(AriaRole.Button, new() { Name = "Send message" }).ClickAsync();
        var chip = site.Locator(".msg-other .att-file");
        await Expect(chip).ToContainTextAsync("export-guide.pdf");
        await Expect(chip).ToContainTextAsync($"{Pdf.Length} bytes");
        var guide = await site.RunAndWaitForDownloadAsync(() => chip.ClickAsync());
        Assert.Equal("export-guide.pdf", guide.SuggestedFilename);
        Assert.Equal(Pdf, await File.ReadAllBytesAsync((await guide.PathAsync())!));

        // A program renamed photo.jpg: the server knows it by its bytes and refuses it; the widget says so, sends nothing.
        await AttachAsync(site, new FilePayload { Name = "photo.jpg", MimeType = "image/jpeg", Buffer = Program() });
        var refused = site.Locator(".att-pending-item[data-state=failed]");
        await Expect(refused.GetByRole(AriaRole.Alert)).ToHaveTextAsync("That file type can't be sent (application/x-msdownload).");
        await Expect(site.GetByRole(AriaRole.Button, new() { Name = "Send message" })).ToBeDisabledAsync();
        await WebPages.MessageBox(site).PressAsync("Enter");
        await Expect(site.Locator(".messages .msg[data-state]")).ToHaveCountAsync(0);
        await WebPages.ScreenshotAsync(site, "widget-attachments");
        await Accessibility.ExpectNoSeriousViolationsAsync(site, "the widget with files and a refused one");
        await refused.GetByRole(AriaRole.Button, new() { Name = "Remove photo.jpg" }).ClickAsync();
        await Expect(site.Locator(".att-pending-item")).ToHaveCountAsync(0);

        // The next words follow the PDF directly: nothing went between them.
        await WebPages.VisitorSaysAsync(site, "Thanks, the guide helps.");
        await Expect(workspace.Locator(".msg-other .bubble").Last).ToHaveTextAsync("Thanks, the guide helps.");
        var transcript = await web.TranscriptAsync(sessionId);
        var said = transcript.Where(l => l.Text is "This is what I see." or "" or "Thanks, the guide helps.").Select(l => l.Text).ToList();
        Assert.Equal(["This is what I see.", "", "Thanks, the guide helps."], said);
    }

    [Fact]
    public async Task An_agent_replies_in_the_shared_inbox_with_a_file_and_the_customer_gets_it()
    {
        await using var served = await web.ServedQueueAsync("Tomas Berg");
        var workspace = served.Workspace;
        var client = new ApiClient(web.BaseUrl);
        var (_, visitorToken) = await client.NewVisitorAsync();
        var (visitor, visitorEvents) = await client.ConnectAsync("visitor", visitorToken);
        await using var visitorHub = visitor;
        var left = await visitor.InvokeAsync<JsonElement>("LeaveMessage", ApiClient.Json(new
        {
            queueId = served.Queue, name = "Ada Brook", email = "ada@example.com", text = "Can I get last month's invoice?", clientMessageId = "left-1",
        }));
        var conversationId = left.GetProperty("conversation").GetProperty("conversationId").GetString()!;

        await workspace.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Shared inbox") }).ClickAsync();
        await workspace.GetByTestId("inbox-row").Filter(new() { HasText = "Ada Brook" }).ClickAsync();
        var conversation = workspace.GetByTestId("inbox-conversation");
        await Expect(conversation.Locator(".msg-other .bubble")).ToHaveTextAsync("Can I get last month's invoice?");

        await AttachAsync(workspace, new FilePayload { Name = "invoice-november.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await Expect(conversation.Locator(".att-pending-item")).ToHaveAttributeAsync("data-state", "ready");
        await WebPages.AgentSaysAsync(workspace, "Here it is.");
        var reply = conversation.Locator(".msg-self").Filter(new() { Has = workspace.Locator(".att-file") });
        await Expect(reply.Locator(".bubble")).ToHaveTextAsync("Here it is.");
        await Expect(reply.Locator(".att-file")).ToContainTextAsync("invoice-november.pdf");

        // The customer hears the reply with the file's description, and may read it through a signed link.
        var heard = await visitorEvents.NextAsync("conversationMessage", m => m.GetProperty("text").GetString() == "Here it is.");
        var attachment = heard.GetProperty("attachments")[0];
        Assert.Equal("invoice-november.pdf", attachment.GetProperty("fileName").GetString());
        Assert.Equal(conversationId, heard.GetProperty("sessionId").GetString());
        using var asVisitor = web.Server.Http(visitorToken);
        var link = JsonDocument.Parse(await asVisitor.GetStringAsync($"/api/attachments/{attachment.GetProperty("attachmentId").GetString()}")).RootElement;
        using var anyone = web.Server.Http(null);
        Assert.Equal(Pdf, await anyone.GetByteArrayAsync(link.GetProperty("url").GetString()));
    }

    /// <summary>The paperclip, then the browser's file chooser, as a person picks a file.</summary>
    private static async Task AttachAsync(IPage page, FilePayload file)
    {
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Attach files" }).ClickAsync());
        Assert.True(chooser.IsMultiple);
        await chooser.SetFilesAsync(file);
    }
}
