using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.FunctionalTests.Api;

/// <summary>
/// The contacts view (docs/protocol.md, Contacts) through the real REST API and hubs: the list with search and the
/// conversations each caller may see, one contact's page, and merging an anonymous visitor into an identified
/// customer without losing its history.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ContactsTests(ApiFixture fixture)
{
    private readonly ApiClient _client = fixture.Client();

    [Fact]
    public async Task The_list_finds_contacts_by_name_and_email_and_counts_only_the_conversations_the_caller_may_see()
    {
        var (queueId, _, agentToken) = await _client.NewQueueWithAgentAsync();
        var (_, _, otherAgentToken) = await _client.NewQueueWithAgentAsync();
        var word = "Zelda" + Guid.NewGuid().ToString("N")[..8];
        var (customerId, visitorToken) = await _client.NewVisitorAsync();
        var (visitor, _) = await _client.ConnectAsync("visitor", visitorToken);
        var left = await visitor.InvokeAsync<JsonElement>("LeaveMessage",
            ApiClient.Json(new { queueId, name = $"{word} Quist", email = $"{word.ToLowerInvariant()}@example.com", text = "Hello?" }));
        var conversationId = left.GetProperty("conversation").GetProperty("conversationId").GetString()!;
        // A visitor who only looked around is no contact.
        var (lookerId, lookerToken) = await _client.NewVisitorAsync();
        var (looker, _) = await _client.ConnectAsync("visitor", lookerToken);

        var mine = await ListAsync($"q={word.ToUpperInvariant()}", agentToken);
        var listed = Assert.Single(mine);
        Assert.Equal(customerId, listed!["contactId"]!.GetValue<string>());
        Assert.False(listed["isKnown"]!.GetValue<bool>());
        Assert.Equal($"{word} Quist", listed["name"]!.GetValue<string>());
        Assert.Equal($"{word.ToLowerInvariant()}@example.com", listed["attributes"]!["email"]!.GetValue<string>());
        Assert.Equal(1, listed["conversationCount"]!.GetValue<int>());
        Assert.NotNull(listed["lastConversationAt"]);
        Assert.Single(await ListAsync($"q={Uri.EscapeDataString(word.ToLowerInvariant() + "@EXAMPLE")}", agentToken));
        Assert.Single(await ListAsync($"q={customerId}", agentToken));
        Assert.Empty(await ListAsync($"q={lookerId}", agentToken));
        Assert.Empty(await ListAsync($"q={Uri.EscapeDataString(word + "%")}", agentToken)); // LIKE's wildcards are literal

        // Another queue's agent lists the contact but neither counts nor sees its conversation.
        var theirs = Assert.Single(await ListAsync($"q={word}", otherAgentToken));
        Assert.Equal(0, theirs!["conversationCount"]!.GetValue<int>());
        Assert.Empty((await _client.OkAsync(HttpMethod.Get, $"/api/contacts/{customerId}", otherAgentToken))["conversations"]!.AsArray());
        var detail = await _client.OkAsync(HttpMethod.Get, $"/api/contacts/{customerId}", agentToken);
        Assert.Equal(conversationId, Assert.Single(detail["conversations"]!.AsArray())!["conversationId"]!.GetValue<string>());
        Assert.Equal("online", detail["presence"]!.GetValue<string>());
        Assert.Null(detail["conversationsNext"]);

        // Pages: the newest first, `next` leading on.
        var first = await _client.OkAsync(HttpMethod.Get, "/api/contacts?limit=1", agentToken);
        Assert.Single(first["contacts"]!.AsArray());
        var next = first["next"]!.GetValue<string>();
        var second = await _client.OkAsync(HttpMethod.Get, $"/api/contacts?limit=1&before={Uri.EscapeDataString(next)}", agentToken);
        Assert.True(second["contacts"]!.AsArray().All(c => c!["lastSeenAt"]!.GetValue<DateTimeOffset>() < DateTimeOffset.Parse(next, System.Globalization.CultureInfo.InvariantCulture)));

        await AssertProblemAsync(HttpMethod.Get, "/api/contacts?limit=0", agentToken, null, 400, "invalid");
        await AssertProblemAsync(HttpMethod.Get, $"/api/contacts?limit={Limits.ContactsPage + 1}", agentToken, null, 400, "too_large");
        await AssertProblemAsync(HttpMethod.Get, $"/api/contacts?q={new string('q', Limits.SearchText + 1)}", agentToken, null, 400, "too_large");
        await AssertProblemAsync(HttpMethod.Get, "/api/contacts/v_nobody-ever", agentToken, null, 404, "not_found");
        await AssertProblemAsync(HttpMethod.Get, "/api/contacts", visitorToken, null, 403, "forbidden");
        await visitor.DisposeAsync();
        await looker.DisposeAsync();
    }

    [Fact]
    public async Task Merging_an_anonymous_visitor_into_a_customer_brings_its_conversations_and_chats_whole()
    {
        var admin = await _client.AdminTokenAsync();
        var (queueId, _, agentToken) = await _client.NewQueueWithAgentAsync();
        var (prospectId, prospectToken) = await _client.NewVisitorAsync();
        var (prospect, _) = await _client.ConnectAsync("visitor", prospectToken);
        await prospect.InvokeAsync<JsonElement>("SetAttributes", new Dictionary<string, string> { ["plan"] = "trial", ["name"] = "Prospect" });
        var left = await prospect.InvokeAsync<JsonElement>("LeaveMessage", ApiClient.Json(new { queueId, email = "p@example.com", text = "Do you do invoices?" }));
        var conversationId = left.GetProperty("conversation").GetProperty("conversationId").GetString()!;
        var started = await prospect.InvokeAsync<JsonElement>("StartSession", ApiClient.Json(new { queueId }));
        var sessionId = started.GetProperty("session").GetProperty("sessionId").GetString()!;
        await prospect.InvokeAsync<JsonElement>("SendMessage", sessionId, "m-1", "Still there?");
        await EventuallyAsync(async () =>
        {
            var c = await _client.OkAsync(HttpMethod.Get, $"/api/conversations/{conversationId}", agentToken);
            return c["conversation"]!["sessionIds"]!.AsArray().Any(s => s!.GetValue<string>() == sessionId) ? c : null;
        });

        // The identified customer, made by identify from another visitor.
        var customerId = $"cust-{Guid.NewGuid():N}"[..20];
        var (_, otherToken) = await _client.NewVisitorAsync();
        await _client.OkAsync(HttpMethod.Post, "/api/visitors/identify", otherToken,
            new { customerId, traits = new { name = "Carol Known" }, userHash = UserHash(customerId) });

        // Refusals first: nothing moves.
        await AssertProblemAsync(HttpMethod.Post, $"/api/contacts/{customerId}/merge", admin, new { into = customerId }, 400, "invalid");
        await AssertProblemAsync(HttpMethod.Post, $"/api/contacts/{prospectId}/merge", admin, new { into = "no-such-customer" }, 404, "not_found");
        await AssertProblemAsync(HttpMethod.Post, $"/api/contacts/{prospectId}/merge", admin, new { into = prospectId }, 400, "invalid");
        await AssertProblemAsync(HttpMethod.Post, $"/api/contacts/{prospectId}/merge", admin, new { }, 400, "invalid");

        var merged = await _client.OkAsync(HttpMethod.Post, $"/api/contacts/{prospectId}/merge", agentToken, new { into = customerId });
        Assert.Equal(customerId, merged["contactId"]!.GetValue<string>());
        Assert.True(merged["isKnown"]!.GetValue<bool>());
        Assert.Equal("Carol Known", merged["name"]!.GetValue<string>()); // the known customer's own facts win
        Assert.Equal("trial", merged["attributes"]!["plan"]!.GetValue<string>());
        Assert.Contains(prospectId, merged["mergedVisitorIds"]!.AsArray().Select(v => v!.GetValue<string>()));
        var conversation = Assert.Single(merged["conversations"]!.AsArray());
        Assert.Equal(conversationId, conversation!["conversationId"]!.GetValue<string>());
        Assert.Equal(customerId, conversation["contactId"]!.GetValue<string>());

        // The history is whole: the message left and the live chat, under the customer now.
        var thread = await _client.OkAsync(HttpMethod.Get, $"/api/conversations/{conversationId}", agentToken);
        var texts = thread["messages"]!.AsArray().Select(m => m!["text"]!.GetValue<string>()).ToList();
        Assert.Contains("Do you do invoices?", texts);
        Assert.Contains("Still there?", texts);
        var session = await _client.OkAsync(HttpMethod.Get, $"/api/sessions/{sessionId}", admin);
        Assert.Equal(customerId, session["customerId"]!.GetValue<string>());
        var listed = Assert.Single(await ListAsync($"q={customerId}", agentToken));
        Assert.Equal(1, listed!["conversationCount"]!.GetValue<int>());
        Assert.Empty(await ListAsync($"q={prospectId}", agentToken));
        var old = await _client.OkAsync(HttpMethod.Get, $"/api/contacts/{prospectId}", agentToken);
        Assert.Equal(customerId, old["mergedInto"]!.GetValue<string>());
        Assert.Empty(old["conversations"]!.AsArray());
        // The prospect's own tab still reads its chat (its conversations are the customer's now, as after identify).
        var transcript = await prospect.InvokeAsync<JsonElement>("GetTranscript", sessionId, 0, 50);
        Assert.Contains(transcript.EnumerateArray(), m => m.GetProperty("text").GetString() == "Still there?");

        // Again into the same customer: nothing changes; into another: conflict.
        var again = await _client.OkAsync(HttpMethod.Post, $"/api/contacts/{prospectId}/merge", admin, new { into = customerId });
        Assert.Single(again["conversations"]!.AsArray());
        var otherCustomer = $"cust-{Guid.NewGuid():N}"[..20];
        var (_, thirdToken) = await _client.NewVisitorAsync();
        await _client.OkAsync(HttpMethod.Post, "/api/visitors/identify", thirdToken, new { customerId = otherCustomer, traits = new { }, userHash = UserHash(otherCustomer) });
        await AssertProblemAsync(HttpMethod.Post, $"/api/contacts/{prospectId}/merge", admin, new { into = otherCustomer }, 409, "conflict");
        await prospect.DisposeAsync();
    }

    private async Task<JsonArray> ListAsync(string query, string token) =>
        (await _client.OkAsync(HttpMethod.Get, $"/api/contacts?{query}", token))["contacts"]!.AsArray();

    private static string UserHash(string customerId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(ApiFixture.IdentitySecret), Encoding.UTF8.GetBytes(customerId)));

    private async Task AssertProblemAsync(HttpMethod method, string path, string token, object? body, int status, string code)
    {
        var (actual, json) = await _client.SendAsync(method, path, token, body);
        Assert.True(actual == status, $"{method} {path} answered {actual}: {json?.ToJsonString()}");
        Assert.Equal(code, json!["code"]!.GetValue<string>());
    }

    /// <summary>Polls until <paramref name="probe"/> finds something (a conversation follows its chat one-way).</summary>
    private static async Task<JsonNode> EventuallyAsync(Func<Task<JsonNode?>> probe)
    {
        var deadline = DateTime.UtcNow + EventRecorder.Patience;
        while (true)
        {
            if (await probe() is { } found) return found;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The conversation never showed what the test waited for.");
            await Task.Delay(100);
        }
    }
}
