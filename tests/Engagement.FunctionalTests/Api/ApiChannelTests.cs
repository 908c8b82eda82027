using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Engagement.FunctionalTests.Api;

/// <summary>
/// API channels (docs/protocol.md, API channels): another system holding the channel's token brings its customers'
/// messages in; agents answer in the shared inbox; the token is checked and rotates; the channel reaches only its own
/// conversations.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ApiChannelTests(ApiFixture fixture)
{
    private readonly ApiClient _client = fixture.Client();
    private readonly HttpClient _http = new() { BaseAddress = fixture.BaseUrl };

    [Fact]
    public async Task A_channel_starts_a_conversation_an_agent_answers_it_and_the_customer_writes_again_into_it()
    {
        var admin = await _client.AdminTokenAsync();
        var (queueId, _, agentToken) = await _client.NewQueueWithAgentAsync();
        var created = await _client.OkAsync(HttpMethod.Post, "/api/channels", admin, new { name = "SMS", queueId });
        var channelId = created["channel"]!["channelId"]!.GetValue<string>();
        var token = created["token"]!.GetValue<string>();
        Assert.StartsWith("ct_", token);
        Assert.DoesNotContain("token", (await _client.OkAsync(HttpMethod.Get, "/api/channels", admin)).ToJsonString());

        var contactId = "sms-" + Guid.NewGuid().ToString("N")[..10];
        var body = new { contact = new { id = contactId, name = "Kari" }, subject = "SMS from +47 000", text = "Is my order shipped?", messageId = "sms-1" };
        var (status, first) = await ChannelAsync(HttpMethod.Post, $"/api/channels/{channelId}/conversations", token, body);
        Assert.Equal(201, status);
        var conversationId = first!["conversation"]!["conversationId"]!.GetValue<string>();
        Assert.Equal("api", first["conversation"]!["channel"]!.GetValue<string>());
        Assert.Equal(channelId, first["conversation"]!["apiChannelId"]!.GetValue<string>());
        Assert.Equal(contactId, first["conversation"]!["contactId"]!.GetValue<string>());
        var (_, retried) = await ChannelAsync(HttpMethod.Post, $"/api/channels/{channelId}/conversations", token, body);
        Assert.Equal(conversationId, retried!["conversation"]!["conversationId"]!.GetValue<string>());
        Assert.True(retried["duplicate"]!.GetValue<bool>());

        var inbox = await _client.OkAsync(HttpMethod.Get, $"/api/conversations?channel=api&queue={queueId}", agentToken);
        Assert.Equal(conversationId, Assert.Single(inbox["conversations"]!.AsArray())!["conversationId"]!.GetValue<string>());
        await _client.OkAsync(HttpMethod.Post, $"/api/conversations/{conversationId}/messages", agentToken, new { text = "Yes, yesterday." });
        await _client.OkAsync(HttpMethod.Post, $"/api/conversations/{conversationId}/status", agentToken, new { status = "resolved" });

        var (replyStatus, reply) = await ChannelAsync(HttpMethod.Post, $"/api/channels/{channelId}/conversations/{conversationId}/messages", token, new { text = "Thanks!", messageId = "sms-2" });
        Assert.Equal(200, replyStatus);
        Assert.Equal("open", reply!["conversation"]!["status"]!.GetValue<string>());
        Assert.Equal("visitor", reply["message"]!["senderRole"]!.GetValue<string>());
        var (_, thread) = await ChannelAsync(HttpMethod.Get, $"/api/channels/{channelId}/conversations/{conversationId}", token, null);
        Assert.Equal(["Is my order shipped?", "Yes, yesterday."], thread!["messages"]!.AsArray().Where(m => m!["kind"]!.GetValue<string>() == "text").Take(2).Select(m => m!["text"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Without_the_channels_token_nothing_gets_in_and_a_channel_reaches_only_its_own_conversations()
    {
        var admin = await _client.AdminTokenAsync();
        var (queueId, _, _) = await _client.NewQueueWithAgentAsync();
        var a = await _client.OkAsync(HttpMethod.Post, "/api/channels", admin, new { name = "A", queueId });
        var b = await _client.OkAsync(HttpMethod.Post, "/api/channels", admin, new { name = "B", queueId });
        var (aId, aToken) = (a["channel"]!["channelId"]!.GetValue<string>(), a["token"]!.GetValue<string>());
        var (bId, bToken) = (b["channel"]!["channelId"]!.GetValue<string>(), b["token"]!.GetValue<string>());
        var body = new { contact = new { id = "c-" + Guid.NewGuid().ToString("N")[..8] }, text = "hi" };

        Assert.Equal(401, (await ChannelAsync(HttpMethod.Post, $"/api/channels/{aId}/conversations", null, body)).Status);
        Assert.Equal(401, (await ChannelAsync(HttpMethod.Post, $"/api/channels/{aId}/conversations", bToken, body)).Status);
        Assert.Equal(404, (await ChannelAsync(HttpMethod.Post, "/api/channels/no-such/conversations", aToken, body)).Status);
        var (_, started) = await ChannelAsync(HttpMethod.Post, $"/api/channels/{aId}/conversations", aToken, body);
        var conversationId = started!["conversation"]!["conversationId"]!.GetValue<string>();
        Assert.Equal(404, (await ChannelAsync(HttpMethod.Get, $"/api/channels/{bId}/conversations/{conversationId}", bToken, null)).Status);

        var (badStatus, bad) = await ChannelAsync(HttpMethod.Post, $"/api/channels/{aId}/conversations", aToken, new { contact = new { id = "has space" }, text = "hi" });
        Assert.Equal((400, "invalid"), (badStatus, bad!["code"]!.GetValue<string>()));

        var rotated = await _client.OkAsync(HttpMethod.Post, $"/api/channels/{aId}/token", admin);
        Assert.Equal(401, (await ChannelAsync(HttpMethod.Get, $"/api/channels/{aId}/conversations/{conversationId}", aToken, null)).Status);
        Assert.Equal(200, (await ChannelAsync(HttpMethod.Get, $"/api/channels/{aId}/conversations/{conversationId}", rotated["token"]!.GetValue<string>(), null)).Status);
    }

    [Fact]
    public async Task A_channel_sends_its_customers_files_and_reads_the_files_of_agents_replies()
    {
        var admin = await _client.AdminTokenAsync();
        var (queueId, _, agentToken) = await _client.NewQueueWithAgentAsync();
        var created = await _client.OkAsync(HttpMethod.Post, "/api/channels", admin, new { name = "WhatsApp", queueId });
        var (channelId, token) = (created["channel"]!["channelId"]!.GetValue<string>(), created["token"]!.GetValue<string>());
        var other = await _client.OkAsync(HttpMethod.Post, "/api/channels", admin, new { name = "Other", queueId });
        var (otherId, otherToken) = (other["channel"]!["channelId"]!.GetValue<string>(), other["token"]!.GetValue<string>());
        var contact = new { id = "wa-" + Guid.NewGuid().ToString("N")[..10], name = "Siri" };
        var (_, started) = await ChannelAsync(HttpMethod.Post, $"/api/channels/{channelId}/conversations", token, new { contact, text = "My screen cracked" });
        var conversationId = started!["conversation"]!["conversationId"]!.GetValue<string>();

        using (var form = new MultipartFormDataContent { { new ByteArrayContent(AttachmentTests.Png), "file", "crack.png" } })
        {
            var (status, uploaded) = await ChannelSendAsync(HttpMethod.Post, $"/api/channels/{channelId}/conversations/{conversationId}/attachments", token, form);
            Assert.Equal(201, status);
            var fileId = uploaded!["attachmentId"]!.GetValue<string>();
            var (_, post) = await ChannelAsync(HttpMethod.Post, $"/api/channels/{channelId}/conversations/{conversationId}/messages", token,
                new { text = "", attachments = new[] { fileId }, messageId = "wa-2" });
            Assert.Equal("crack.png", post!["message"]!["attachments"]![0]!["fileName"]!.GetValue<string>());
            Assert.Equal(contact.id, post["message"]!["senderId"]!.GetValue<string>());
            // The agent reads the customer's file like any other.
            Assert.Equal(200, (await _client.SendAsync(HttpMethod.Get, $"/api/attachments/{fileId}", agentToken)).Status);
        }

        // The agent answers with a file; the channel's system gets a link to it with its own token only.
        using var reply = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4\n%%EOF\n"u8.ToArray()), "file", "repair.pdf" } };
        var (replyStatus, replyFile) = await _client.SendContentAsync(HttpMethod.Post, $"/api/attachments?scope={conversationId}", agentToken, reply);
        Assert.Equal(201, replyStatus);
        var replyId = replyFile!["attachmentId"]!.GetValue<string>();
        await _client.OkAsync(HttpMethod.Post, $"/api/conversations/{conversationId}/messages", agentToken, new { text = "Book a repair here", attachments = new[] { replyId } });
        var (linkStatus, link) = await ChannelAsync(HttpMethod.Get, $"/api/channels/{channelId}/attachments/{replyId}", token, null);
        Assert.Equal(200, linkStatus);
        Assert.Equal("%PDF-1.4\n%%EOF\n", await _http.GetStringAsync(link!["url"]!.GetValue<string>()));
        Assert.Equal(404, (await ChannelAsync(HttpMethod.Get, $"/api/channels/{otherId}/attachments/{replyId}", otherToken, null)).Status);
        Assert.Equal(401, (await ChannelAsync(HttpMethod.Get, $"/api/channels/{channelId}/attachments/{replyId}", otherToken, null)).Status);
    }

    private async Task<(int Status, JsonNode? Body)> ChannelSendAsync(HttpMethod method, string path, string token, HttpContent content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("X-Channel-Token", token);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private async Task<(int Status, JsonNode? Body)> ChannelAsync(HttpMethod method, string path, string? token, object? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (token is not null) request.Headers.Add("X-Channel-Token", token);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }
}
