using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Engagement.Attachments;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.FunctionalTests.Api;

/// <summary>
/// Files with messages (docs/protocol.md, Attachments), through the real hubs and REST: uploads judged by their bytes,
/// sending, signed links that only participants and staff get, and erasure of the bytes.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AttachmentTests(ApiFixture fixture)
{
    /// <summary>A real 1×1 PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
    /// <summary>A Windows executable's first bytes, under a picture's name.</summary>
    private static readonly byte[] Executable = [(byte)'M', (byte)'Z', 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00];

    private readonly ApiClient _client = fixture.Client();
    private readonly HttpClient _http = new() { BaseAddress = fixture.BaseUrl };

    [Fact]
    public async Task A_visitor_sends_a_picture_in_a_live_chat_and_the_agent_reads_it_through_a_signed_link()
    {
        var (agent, agentEvents, agentToken, visitorToken, visitor, sessionId) = await AcceptedSessionAsync();

        var file = await UploadOkAsync(visitorToken, sessionId, "C:\\Users\\dana\\screen shot.png", Png, "application/octet-stream");
        var fileId = file.GetProperty("attachmentId").GetString()!;
        Assert.StartsWith("f_", fileId);
        Assert.Equal("screen shot.png", file.GetProperty("fileName").GetString());
        Assert.Equal("image/png", file.GetProperty("contentType").GetString()); // from the bytes, not the declared type
        Assert.Equal(Png.Length, file.GetProperty("size").GetInt64());

        var ack = await visitor.InvokeAsync<JsonElement>("SendAttachments", sessionId, "pic-1", "  ", new[] { fileId });
        Assert.Equal("", ack.GetProperty("message").GetProperty("text").GetString());
        Assert.Equal(fileId, ack.GetProperty("message").GetProperty("attachments")[0].GetProperty("attachmentId").GetString());
        var again = await visitor.InvokeAsync<JsonElement>("SendAttachments", sessionId, "pic-1", "", new[] { fileId });
        Assert.True(again.GetProperty("duplicate").GetBoolean());

        var heard = await agentEvents.NextAsync("message", m => m.GetProperty("seq").GetInt64() == ack.GetProperty("seq").GetInt64());
        Assert.Equal("screen shot.png", heard.GetProperty("attachments")[0].GetProperty("fileName").GetString());
        // Read back from the store as well (a join after a reconnect).
        var transcript = await agent.InvokeAsync<JsonElement>("GetTranscript", sessionId, ack.GetProperty("seq").GetInt64() - 1, 1);
        Assert.Equal(fileId, transcript[0].GetProperty("attachments")[0].GetProperty("attachmentId").GetString());

        var link = await _client.OkAsync(HttpMethod.Get, $"/api/attachments/{fileId}", agentToken);
        var url = link["url"]!.GetValue<string>();
        Assert.StartsWith($"/files/{fileId}?", url);
        Assert.True(link["expiresAt"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow);
        using (var response = await _http.GetAsync(url)) // no token: the link is the permission
        {
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("inline", response.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Contains("sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal(Png, await response.Content.ReadAsByteArrayAsync());
        }
        using (var download = await _http.GetAsync(url + "&download=1"))
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);

        // A changed signature, another file's id under the same signature, or no signature: 403.
        var tampered = url[..^2] + (url[^2..] == "AA" ? "AB" : "AA");
        Assert.Equal(403, (int)(await _http.GetAsync(tampered)).StatusCode);
        Assert.Equal(403, (int)(await _http.GetAsync(url.Replace(fileId, "f_someotherfile"))).StatusCode);
        Assert.Equal(403, (int)(await _http.GetAsync($"/files/{fileId}")).StatusCode);

        // Another visitor neither reads nor uploads into this chat.
        var (_, strangerToken) = await _client.NewVisitorAsync();
        Assert.Equal(404, (await _client.SendAsync(HttpMethod.Get, $"/api/attachments/{fileId}", strangerToken)).Status);
        Assert.Equal(404, (await UploadAsync(strangerToken, sessionId, "x.png", Png)).Status);
        await visitor.DisposeAsync();
        await agent.DisposeAsync();
    }

    [Fact]
    public async Task Files_are_judged_by_their_bytes_and_refused_with_a_clear_code()
    {
        var (agent, _, agentToken, visitorToken, visitor, sessionId) = await AcceptedSessionAsync();

        var (status, body) = await UploadAsync(visitorToken, sessionId, "photo.jpg", Executable, "image/jpeg");
        Assert.Equal(415, status);
        Assert.Equal("unsupported_media_type", body.RootElement.GetProperty("code").GetString());
        Assert.Contains("application/x-msdownload", body.RootElement.GetProperty("detail").GetString());

        var tooBig = new byte[Limits.AttachmentBytes + 1];
        Png.CopyTo(tooBig, 0);
        (status, body) = await UploadAsync(visitorToken, sessionId, "big.png", tooBig);
        Assert.Equal(413, status);
        Assert.Equal("too_large", body.RootElement.GetProperty("code").GetString());

        Assert.Equal(400, (await UploadAsync(visitorToken, sessionId, "empty.png", [])).Status);
        var notAForm = await _client.SendContentAsync(HttpMethod.Post, $"/api/attachments?scope={sessionId}", visitorToken, new ByteArrayContent(Png));
        Assert.Equal(415, notAForm.Status);
        Assert.Equal(404, (await UploadAsync(visitorToken, "s_nosuchsession", "x.png", Png)).Status);

        // Sending: no files, a file that is not the sender's, one that does not exist.
        var error = await Assert.ThrowsAsync<HubException>(() => visitor.InvokeAsync<JsonElement>("SendAttachments", sessionId, null, "hi", Array.Empty<string>()));
        Assert.Contains("invalid:", error.Message);
        var agentFile = (await UploadOkAsync(agentToken, sessionId, "agent.pdf", Pdf)).GetProperty("attachmentId").GetString()!;
        error = await Assert.ThrowsAsync<HubException>(() => visitor.InvokeAsync<JsonElement>("SendAttachments", sessionId, null, "", new[] { agentFile }));
        Assert.Contains("not_found:", error.Message);
        error = await Assert.ThrowsAsync<HubException>(() => visitor.InvokeAsync<JsonElement>("SendAttachments", sessionId, null, "", new[] { "f_nosuchfile" }));
        Assert.Contains("not_found:", error.Message);
        await visitor.DisposeAsync();
        await agent.DisposeAsync();
    }

    [Fact]
    public async Task A_reply_from_the_inbox_carries_a_file_to_the_visitor_and_erasure_deletes_the_bytes()
    {
        var (queueId, _, agentToken) = await _client.NewQueueWithAgentAsync();
        var (customerId, visitorToken) = await _client.NewVisitorAsync();
        var (visitor, visitorEvents) = await _client.ConnectAsync("visitor", visitorToken);
        var left = await visitor.InvokeAsync<JsonElement>("LeaveMessage", ApiClient.Json(new { queueId, email = "eve@example.com", text = "Can I have the invoice?" }));
        var conversationId = left.GetProperty("conversation").GetProperty("conversationId").GetString()!;

        var fileId = (await UploadOkAsync(agentToken, conversationId, "invoice.pdf", Pdf)).GetProperty("attachmentId").GetString()!;
        var reply = await _client.OkAsync(HttpMethod.Post, $"/api/conversations/{conversationId}/messages", agentToken, new { attachments = new[] { fileId } });
        Assert.Equal("application/pdf", reply["message"]!["attachments"]![0]!["contentType"]!.GetValue<string>());
        Assert.Equal("📎 invoice.pdf", reply["conversation"]!["preview"]!.GetValue<string>());
        var heard = await visitorEvents.NextAsync("conversationMessage", m => m.GetProperty("attachments").ValueKind == JsonValueKind.Array);
        Assert.Equal(fileId, heard.GetProperty("attachments")[0].GetProperty("attachmentId").GetString());

        // The visitor writes back with a picture of their own; both files are theirs to read.
        var mine = (await UploadOkAsync(visitorToken, conversationId, "receipt.png", Png)).GetProperty("attachmentId").GetString()!;
        var post = await visitor.InvokeAsync<JsonElement>("SendConversationAttachments", conversationId, "r-1", "Here is mine", new[] { mine });
        Assert.Equal("Here is mine", post.GetProperty("message").GetProperty("text").GetString());
        var link = await _client.OkAsync(HttpMethod.Get, $"/api/attachments/{fileId}", visitorToken);
        using (var pdf = await _http.GetAsync(link["url"]!.GetValue<string>()))
        {
            Assert.Equal("attachment", pdf.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal("invoice.pdf", pdf.Content.Headers.ContentDisposition.FileNameStar ?? pdf.Content.Headers.ContentDisposition.FileName?.Trim('"'));
        }

        // Erasure takes the files with the conversation: catalog rows and bytes.
        var store = fixture.Services.GetRequiredService<IAttachments>();
        var keys = new List<StoredAttachment>();
        foreach (var id in new[] { fileId, mine }) keys.Add((await store.FindAsync(id))!);
        await visitor.DisposeAsync();
        await _client.OkAsync(HttpMethod.Delete, $"/api/contacts/{customerId}", await _client.AdminTokenAsync());
        foreach (var file in keys)
        {
            Assert.Null(await store.FindAsync(file.View.AttachmentId));
            Assert.Null(await fixture.Services.GetRequiredService<IAttachmentStore>().OpenReadAsync(file.StorageKey));
        }
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await _http.GetAsync(link["url"]!.GetValue<string>())).StatusCode);
    }

    [Fact]
    public async Task An_upload_no_message_took_is_swept_and_a_sent_one_stays()
    {
        var (agent, _, agentToken, visitorToken, visitor, sessionId) = await AcceptedSessionAsync();
        var sent = (await UploadOkAsync(visitorToken, sessionId, "sent.png", Png)).GetProperty("attachmentId").GetString()!;
        var unsent = (await UploadOkAsync(visitorToken, sessionId, "unsent.png", Png)).GetProperty("attachmentId").GetString()!;
        await visitor.InvokeAsync<JsonElement>("SendAttachments", sessionId, null, "", new[] { sent });

        var attachments = fixture.Services.GetRequiredService<IAttachments>();
        var unsentKey = (await attachments.FindAsync(unsent))!.StorageKey;
        var catalog = fixture.Services.GetRequiredService<AttachmentCatalog>();
        var store = fixture.Services.GetRequiredService<IAttachmentStore>();
        // As the sweep a day later would: every upload up to now is old enough.
        await catalog.DeleteUnsentAsync(DateTimeOffset.UtcNow.AddMinutes(1), 10_000, store);

        Assert.NotNull(await attachments.FindAsync(sent));
        Assert.Null(await attachments.FindAsync(unsent));
        Assert.Null(await store.OpenReadAsync(unsentKey));
        Assert.Equal(200, (await _client.SendAsync(HttpMethod.Get, $"/api/attachments/{sent}", agentToken)).Status);
        await visitor.DisposeAsync();
        await agent.DisposeAsync();
    }

    private async Task<JsonElement> UploadOkAsync(string token, string scope, string fileName, byte[] content, string declaredType = "image/png")
    {
        var (status, body) = await UploadAsync(token, scope, fileName, content, declaredType);
        Assert.True(status == 201, $"upload of {fileName} answered {status}: {body.RootElement}");
        return body.RootElement;
    }

    private async Task<(int Status, JsonDocument Body)> UploadAsync(string token, string scope, string fileName, byte[] content, string declaredType = "image/png")
    {
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(content);
        part.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
        form.Add(part, "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/attachments?scope={scope}") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(text.Length == 0 ? "{}" : text));
    }

    private async Task<(HubConnection Agent, EventRecorder AgentEvents, string AgentToken, string VisitorToken, HubConnection Visitor, string SessionId)> AcceptedSessionAsync()
    {
        var (queueId, _, agentToken) = await _client.NewQueueWithAgentAsync();
        var (agent, agentEvents) = await _client.ConnectAsync("agent", agentToken);
        await agent.InvokeAsync<JsonElement>("SetStatus", "available");
        var (_, visitorToken) = await _client.NewVisitorAsync();
        var (visitor, _) = await _client.ConnectAsync("visitor", visitorToken);
        var sessionId = (await visitor.InvokeAsync<JsonElement>("StartSession", ApiClient.Json(new { queueId })))
            .GetProperty("session").GetProperty("sessionId").GetString()!;
        await agentEvents.NextAsync("offer", o => o.GetProperty("sessionId").GetString() == sessionId);
        await agent.InvokeAsync<JsonElement>("AcceptOffer", sessionId);
        return (agent, agentEvents, agentToken, visitorToken, visitor, sessionId);
    }
}
