using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.FunctionalTests.Api;

/// <summary>
/// Private notes on a lasting conversation (docs/protocol.md, Conversations): staff write and read them over REST,
/// colleagues watching the inbox get them live, and the contact never sees one: not in the thread, not in an event.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ConversationNotesTests(ApiFixture fixture)
{
    private readonly ApiClient _client = fixture.Client();

    [Fact]
    public async Task Staff_add_and_list_notes_a_watching_colleague_gets_them_live_and_the_contact_never_sees_one()
    {
        var (queueId, agentId, agentToken) = await _client.NewQueueWithAgentAsync();
        var (_, colleagueToken) = await _client.NewAgentAsync(queueId);
        var (colleague, colleagueEvents) = await _client.ConnectAsync("agent", colleagueToken);
        await colleague.InvokeAsync<JsonElement>("WatchInbox");
        var (customerId, visitorToken) = await _client.NewVisitorAsync();
        var (visitor, visitorEvents) = await _client.ConnectAsync("visitor", visitorToken);
        var left = await visitor.InvokeAsync<JsonElement>("LeaveMessage", ApiClient.Json(new { queueId, email = "notes@example.com", text = "Where is my refund?" }));
        var conversationId = left.GetProperty("conversation").GetProperty("conversationId").GetString()!;

        var (status, added) = await _client.SendAsync(HttpMethod.Post, $"/api/conversations/{conversationId}/notes", agentToken, new { text = "  Refund approved by finance; waiting on the bank.  " });
        Assert.Equal(201, status);
        Assert.Equal(conversationId, added!["conversationId"]!.GetValue<string>());
        Assert.Equal(agentId, added["authorId"]!.GetValue<string>());
        Assert.Equal("Refund approved by finance; waiting on the bank.", added["text"]!.GetValue<string>());
        var heard = await colleagueEvents.NextAsync("conversationNote", n => n.GetProperty("conversationId").GetString() == conversationId);
        Assert.Equal("Refund approved by finance; waiting on the bank.", heard.GetProperty("text").GetString());

        await _client.OkAsync(HttpMethod.Post, $"/api/conversations/{conversationId}/notes", colleagueToken, new { text = "Second note" });
        var notes = (await _client.OkAsync(HttpMethod.Get, $"/api/conversations/{conversationId}/notes", agentToken)).AsArray();
        Assert.Equal(["Refund approved by finance; waiting on the bank.", "Second note"], notes.Select(n => n!["text"]!.GetValue<string>()));

        // The staff's thread and the contact's show no note; a reply after the notes reaches the visitor, and no note came with it.
        var staffThread = await _client.OkAsync(HttpMethod.Get, $"/api/conversations/{conversationId}", agentToken);
        Assert.DoesNotContain(staffThread["messages"]!.AsArray(), m => m!["text"]!.GetValue<string>().Contains("Refund approved"));
        await _client.OkAsync(HttpMethod.Post, $"/api/conversations/{conversationId}/messages", agentToken, new { text = "We are on it." });
        await visitorEvents.NextAsync("conversationMessage", m => m.GetProperty("text").GetString() == "We are on it.");
        var visitorThread = await visitor.InvokeAsync<JsonElement>("GetConversation", conversationId);
        Assert.DoesNotContain("Refund approved", visitorThread.GetRawText());
        Assert.DoesNotContain("Second note", visitorThread.GetRawText());
        Assert.Empty(visitorEvents.Drain("conversationNote"));
        Assert.Empty(visitorEvents.Drain("note"));
        Assert.All(visitorEvents.Drain("conversationMessage"), m => Assert.DoesNotContain("note", m.GetProperty("text").GetString()!, StringComparison.OrdinalIgnoreCase));

        // The export carries the notes for staff, marked as private in the readable document.
        var export = await _client.OkAsync(HttpMethod.Get, $"/api/conversations/{conversationId}/export", agentToken);
        Assert.Equal(2, export["notes"]!.AsArray().Count);
        var (_, _, document) = await _client.GetTextAsync($"/api/conversations/{conversationId}/export?format=text", agentToken);
        var privateHeading = document.IndexOf("--- private notes (staff only", StringComparison.Ordinal);
        Assert.True(privateHeading > document.IndexOf("We are on it.", StringComparison.Ordinal), document);
        Assert.True(document.IndexOf("Second note", StringComparison.Ordinal) > privateHeading, document);

        // The contact may not read or write notes: REST refuses their token, and so does the grain itself.
        await AssertProblemAsync(HttpMethod.Get, $"/api/conversations/{conversationId}/notes", visitorToken, null, 403, "forbidden");
        await AssertProblemAsync(HttpMethod.Post, $"/api/conversations/{conversationId}/notes", visitorToken, new { text = "mine" }, 403, "forbidden");
        var grain = fixture.Services.GetRequiredService<IGrainFactory>().GetConversation(conversationId);
        var refused = await Assert.ThrowsAsync<EngagementException>(() => grain.GetNotes(Caller.Visitor(customerId)));
        Assert.Equal(ErrorCodes.Forbidden, refused.Code);
        refused = await Assert.ThrowsAsync<EngagementException>(() => grain.AddNote(Caller.Visitor(customerId), "mine"));
        Assert.Equal(ErrorCodes.Forbidden, refused.Code);
        await visitor.DisposeAsync();
        await colleague.DisposeAsync();
    }

    [Fact]
    public async Task A_stranger_agent_gets_not_found_and_notes_keep_their_limits()
    {
        var (queueId, _, agentToken) = await _client.NewQueueWithAgentAsync();
        var (_, strangerToken) = (await _client.NewQueueWithAgentAsync()) is var other ? (other.AgentId, other.AgentToken) : default;
        var (_, visitorToken) = await _client.NewVisitorAsync();
        var (visitor, _) = await _client.ConnectAsync("visitor", visitorToken);
        var left = await visitor.InvokeAsync<JsonElement>("LeaveMessage", ApiClient.Json(new { queueId, email = "limits@example.com", text = "hello" }));
        var conversationId = left.GetProperty("conversation").GetProperty("conversationId").GetString()!;
        var path = $"/api/conversations/{conversationId}/notes";

        await AssertProblemAsync(HttpMethod.Get, path, strangerToken, null, 404, "not_found");
        await AssertProblemAsync(HttpMethod.Post, path, strangerToken, new { text = "sneaky" }, 404, "not_found");
        await AssertProblemAsync(HttpMethod.Post, path, agentToken, new { text = new string('n', Limits.MessageText + 1) }, 400, "too_large");
        await AssertProblemAsync(HttpMethod.Post, path, agentToken, new { text = "   " }, 400, "invalid");
        await AssertProblemAsync(HttpMethod.Post, "/api/conversations/c_never-made/notes", agentToken, new { text = "x" }, 404, "not_found");

        await _client.OkAsync(HttpMethod.Post, path, agentToken, new { text = new string('n', Limits.MessageText) });
        for (var i = 1; i < Limits.Notes; i++) await _client.OkAsync(HttpMethod.Post, path, agentToken, new { text = $"note {i}" });
        await AssertProblemAsync(HttpMethod.Post, path, agentToken, new { text = "one too many" }, 409, "conflict");
        var notes = (await _client.OkAsync(HttpMethod.Get, path, agentToken)).AsArray();
        Assert.Equal(Limits.Notes, notes.Count);
        Assert.Equal($"note {Limits.Notes - 1}", notes[^1]!["text"]!.GetValue<string>());
        await visitor.DisposeAsync();
    }

    private async Task AssertProblemAsync(HttpMethod method, string path, string token, object? body, int status, string code)
    {
        var (actual, json) = await _client.SendAsync(method, path, token, body);
        Assert.True(actual == status, $"{method} {path} answered {actual}: {json?.ToJsonString()}");
        Assert.Equal(code, json!["code"]!.GetValue<string>());
    }
}
