using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Engagement.FunctionalTests.Api;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Engagement.FunctionalTests.Web;

/// <summary>
/// The shared inbox in the workspace (docs/web.md, "Shared inbox"): an agent works the unassigned view, assigns,
/// labels, searches, keeps private notes and resolves; a new customer message reopens the conversation, live. The visitor is a client
/// of the visitor hub (as docs/protocol.md describes it), the agent a person in the browser.
/// </summary>
[Collection(WebCollection.Name)]
public class WorkspaceInboxTests(WebFixture web)
{
    [Fact]
    public async Task An_agent_works_the_unassigned_view_assigns_labels_searches_replies_notes_and_resolves_and_the_customer_reopens_it_live()
    {
        await using var served = await web.ServedQueueAsync("Mira Jensen");
        var workspace = served.Workspace;
        var word = "fjord" + Guid.NewGuid().ToString("N")[..8];
        var question = $"Do you ship the {word} lamp to Norway?";

        // The agent opens the shared inbox: nothing waits yet.
        await workspace.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Shared inbox") }).ClickAsync();
        var unassigned = workspace.GetByTestId("view-unassigned");
        await Expect(unassigned.GetByTestId("view-count")).ToHaveTextAsync("0");
        await Expect(unassigned).ToHaveAttributeAsync("aria-current", "true");
        await Accessibility.ExpectNoSeriousViolationsAsync(workspace, "the shared inbox, empty");

        // A visitor leaves a message while nobody answers: the count and the row appear live.
        var client = new ApiClient(web.BaseUrl);
        var (_, visitorToken) = await client.NewVisitorAsync();
        var (visitor, visitorEvents) = await client.ConnectAsync("visitor", visitorToken);
        await using var visitorHub = visitor;
        var left = await visitor.InvokeAsync<JsonElement>("LeaveMessage", ApiClient.Json(new
        {
            queueId = served.Queue, name = "Dana Whitfield", email = "dana@example.com", text = question, clientMessageId = "left-1",
        }));
        var conversationId = left.GetProperty("conversation").GetProperty("conversationId").GetString()!;
        await Expect(unassigned.GetByTestId("view-count")).ToHaveTextAsync("1");
        var row = workspace.GetByTestId("inbox-row");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("Dana Whitfield");
        await Expect(row).ToContainTextAsync(question);

        // It opens with its thread and the contact's conversations.
        await row.ClickAsync();
        var conversation = workspace.GetByTestId("inbox-conversation");
        await Expect(conversation.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Dana Whitfield");
        await Expect(conversation.Locator(".msg-other .bubble")).ToHaveTextAsync(question);
        await Expect(workspace.GetByTestId("ctx-conversations")).ToContainTextAsync("(shown)");

        // Assigned to the agent: it leaves Unassigned and counts as theirs.
        await conversation.GetByRole(AriaRole.Button, new() { Name = "Assign to me" }).ClickAsync();
        await Expect(conversation.GetByLabel("Assignee")).ToHaveValueAsync(served.Agent.AgentId);
        await Expect(unassigned.GetByTestId("view-count")).ToHaveTextAsync("0");
        await Expect(workspace.GetByTestId("view-mine").GetByTestId("view-count")).ToHaveTextAsync("1");
        await Expect(row).ToHaveCountAsync(0);

        // Labels are checked as the server checks them; a good one is stored lower-cased and gets a view of its own.
        var labelBox = conversation.GetByLabel("Add a label");
        await labelBox.FillAsync("has space");
        await labelBox.PressAsync("Enter");
        await Expect(conversation.Locator(".ib-label-error")).ToContainTextAsync("letters a–z");
        await labelBox.FillAsync("VIP");
        await labelBox.PressAsync("Enter");
        await Expect(conversation.GetByRole(AriaRole.Button, new() { Name = "Remove label vip" })).ToBeVisibleAsync();
        await Expect(workspace.GetByTestId("view-label-vip").GetByTestId("view-count")).ToHaveTextAsync("1");

        // Snooze opens with focus on its first preset; Escape closes it and gives focus back.
        await conversation.GetByRole(AriaRole.Button, new() { Name = "Snooze…" }).FocusAsync();
        await workspace.Keyboard.PressAsync("Enter");
        await Keyboard.ExpectFocusOnAsync(workspace, "For 1 hour");
        await Accessibility.ExpectNoSeriousViolationsAsync(workspace, "the shared inbox with a conversation open and the snooze menu");
        await workspace.Keyboard.PressAsync("Escape");
        await Keyboard.ExpectFocusOnAsync(workspace, "Snooze…");

        // A search for a word of the message, narrowed to labelled open conversations, finds it with the word marked.
        var search = workspace.GetByRole(AriaRole.Search);
        await search.GetByLabel("Search all conversations").FillAsync(word);
        await search.GetByRole(AriaRole.Button, new() { Name = "Filters" }).ClickAsync();
        await search.GetByLabel("Status").SelectOptionAsync("open");
        await search.GetByLabel("Label", new() { Exact = true }).FillAsync("vip");
        var hit = await SearchUntilFoundAsync(workspace, search);
        await Expect(hit.Locator("mark")).ToHaveTextAsync(word);
        await Expect(hit).ToContainTextAsync("Dana Whitfield");
        await hit.ClickAsync();
        await Expect(hit).ToHaveAttributeAsync("aria-current", "true");
        await WebPages.ScreenshotAsync(workspace, "workspace-inbox");
        await Accessibility.ExpectNoSeriousViolationsAsync(workspace, "the shared inbox with search results");

        // The agent replies (the visitor hears it) and resolves the conversation.
        const string answer = "Yes: to Norway within 3 days, shipping included.";
        await WebPages.AgentSaysAsync(workspace, answer);
        await Expect(conversation.Locator(".msg-self .bubble").Last).ToHaveTextAsync(answer);
        await visitorEvents.NextAsync("conversationMessage", m => m.GetProperty("text").GetString() == answer);
        await conversation.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();
        await Expect(conversation.GetByTestId("conversation-status")).ToHaveTextAsync("Resolved");
        await Expect(conversation.Locator(".msg-event").Last).ToContainTextAsync("resolved");

        // Private notes: the agent writes one from the keyboard, a colleague's arrives live; the visitor hears of neither.
        var notesTab = conversation.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^Private notes") });
        await notesTab.FocusAsync();
        await workspace.Keyboard.PressAsync("Enter");
        await Expect(notesTab).ToHaveAttributeAsync("aria-selected", "true");
        const string note = "Dana is a repeat customer: offer free gift-wrapping.";
        await conversation.GetByLabel("New private note").FillAsync(note);
        await workspace.Keyboard.PressAsync("Control+Enter");
        var notes = conversation.GetByTestId("note-list").Locator(".note");
        await Expect(notes).ToHaveCountAsync(1);
        await Expect(notes.First).ToContainTextAsync(note);
        await Expect(conversation.GetByLabel("New private note")).ToHaveValueAsync("");
        using (var admin = web.Server.Http(web.Server.AdminToken))
            (await admin.PostAsJsonAsync($"/api/conversations/{conversationId}/notes", new { text = "Approved: the wrapping is on us." })).EnsureSuccessStatusCode();
        await Expect(notes).ToHaveCountAsync(2);
        await Expect(notes.Last).ToContainTextAsync("Approved: the wrapping is on us.");
        await Expect(conversation.GetByTestId("notes-count")).ToHaveTextAsync("2");
        await WebPages.ScreenshotAsync(workspace, "workspace-inbox-notes");
        await Accessibility.ExpectNoSeriousViolationsAsync(workspace, "the shared inbox with a conversation's private notes");
        Assert.Empty(visitorEvents.Drain("conversationNote"));
        Assert.DoesNotContain("gift-wrapping", (await visitor.InvokeAsync<JsonElement>("GetConversation", conversationId)).GetRawText());

        // The whole conversation exports as a readable document, the notes marked as private.
        var download = await workspace.RunAndWaitForDownloadAsync(() => conversation.GetByRole(AriaRole.Button, new() { Name = "Export text" }).ClickAsync());
        var document = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains($"Conversation {conversationId}", document);
        Assert.Contains(question, document);
        Assert.Contains(answer, document);
        Assert.True(document.IndexOf(note, StringComparison.Ordinal) > document.IndexOf("--- private notes (staff only", StringComparison.Ordinal), document);
        await conversation.GetByRole(AriaRole.Tab, new() { Name = "Thread" }).ClickAsync();

        // The customer writes again: the conversation reopens live, with the new message.
        const string again = "One more thing: can it be gift-wrapped?";
        await visitor.InvokeAsync<JsonElement>("SendConversationMessage", conversationId, "again-1", again);
        await Expect(conversation.GetByTestId("conversation-status")).ToHaveTextAsync("Open");
        await Expect(conversation.Locator(".msg-other .bubble").Last).ToHaveTextAsync(again);
        await Expect(conversation.Locator(".msg-event").Last).ToContainTextAsync("reopened");
        await Expect(workspace.GetByTestId("view-mine").GetByTestId("view-count")).ToHaveTextAsync("1");
    }

    /// <summary>
    /// Submits the search until its hit shows: the search index follows a conversation's labels within moments of
    /// the change, so a search right after labelling may not find it yet.
    /// </summary>
    private static async Task<ILocator> SearchUntilFoundAsync(IPage workspace, ILocator search)
    {
        var hit = workspace.GetByTestId("search-hit");
        var deadline = DateTime.UtcNow + EventRecorder.Patience;
        while (true)
        {
            await search.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
            await Expect(workspace.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = new Regex("found for") })).ToBeVisibleAsync();
            if (await hit.CountAsync() > 0) return hit.First;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The search never found the message.");
            await Task.Delay(200);
        }
    }
}
