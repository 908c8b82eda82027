using System.Net.Http.Json;
using System.Text.Json;
using Engagement.FunctionalTests.EndToEnd;
using Engagement.LoadTests.Cluster;
using Engagement.Media.Tests;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Engagement.FunctionalTests.Email;

/// <summary>
/// A node whose conversations speak email (docs/email.md), with a real SMTP server process (aiosmtpd) as the relay
/// and the node's own listener for mail in.
/// </summary>
public sealed class ConversationMailFixture : IAsyncLifetime
{
    public MailCatcher Catcher { get; private set; } = null!;
    public EndToEndFixture Server { get; private set; } = null!;
    public int InboundPort { get; } = FreePorts.One();

    public async Task InitializeAsync()
    {
        Catcher = await MailCatcher.StartAsync();
        Server = EndToEndFixture.With(new Dictionary<string, string?>
        {
            ["Engagement:Email:Enabled"] = "true",
            ["Engagement:Email:Domain"] = EmailNode.Domain,
            ["Engagement:Email:Smtp:Host"] = "127.0.0.1",
            ["Engagement:Email:Smtp:Port"] = Catcher.Port.ToString(),
            ["Engagement:Email:Smtp:Security"] = "None",
            ["Engagement:Email:Inbound:Port"] = InboundPort.ToString(),
            ["Engagement:Email:Inbound:AcceptedDomains:0"] = EmailNode.Domain,
            ["Engagement:Email:Inbound:PollInterval"] = "00:00:00.200",
        });
        await Server.InitializeAsync();
    }

    /// <summary>Sends a mail to the node's listener, as any mail client would.</summary>
    public async Task SendAsync(MimeMessage message)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", InboundPort, SecureSocketOptions.None);
        await client.SendAsync(message);
        await client.DisconnectAsync(true);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Catcher.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ConversationMailCollection : ICollectionFixture<ConversationMailFixture>
{
    public const string Name = "conversations by email";
}

/// <summary>Conversations by email, end to end: replies to a visitor who left, answers by mail, new mail to a queue, transcripts.</summary>
[Collection(ConversationMailCollection.Name)]
public sealed class ConversationMailTests(ConversationMailFixture fixture)
{
    private EndToEndFixture E2e => fixture.Server;

    [Fact]
    public async Task A_visitor_who_left_gets_the_reply_by_email_answers_it_by_email_and_finds_the_whole_thread_on_the_next_visit()
    {
        var queue = await E2e.CreateQueueAsync();
        var ana = await E2e.CreateAgentAsync(queue, "ana");
        var visitorToken = await E2e.NewVisitorAsync();
        var address = $"dana-{Guid.NewGuid():N}@example.com";
        string conversationId;
        await using (var visitor = await HubClient.VisitorAsync(E2e.Node.BaseUrl, visitorToken.Token))
        {
            var left = await visitor.Connection.InvokeAsync<ConversationPost>("LeaveMessage", new LeaveMessageRequest(queue, "Dana", address, "Do you ship to Norway?", "m-1"));
            conversationId = left.Conversation.ConversationId;
        }
        await UntilOfflineAsync(visitorToken.CustomerId);

        using var http = E2e.Http(ana.Token);
        (await http.PostAsJsonAsync($"/api/conversations/{conversationId}/messages", new { text = "Yes, within three days." })).EnsureSuccessStatusCode();
        var reply = await fixture.Catcher.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == address), "the reply at the visitor's address");
        Assert.Contains("Yes, within three days.", reply.TextBody);
        Assert.NotNull(reply.HtmlBody);
        var replyTo = Assert.Single(reply.ReplyTo.Mailboxes).Address;
        Assert.Matches($"^{queue}\\+[a-z2-7]+@{EmailNode.Domain}$", replyTo);

        var answer = new MimeMessage();
        answer.From.Add(new MailboxAddress("Dana", address));
        answer.To.Add(MailboxAddress.Parse(replyTo));
        answer.Subject = "Re: " + reply.Subject;
        answer.InReplyTo = reply.MessageId;
        answer.Body = new TextPart("plain") { Text = "Great, and to Sweden?\n\nOn Friday the team wrote:\n> Yes, within three days." };
        await fixture.SendAsync(answer);

        var thread = await Eventually.Until(() => ThreadAsync(http, conversationId),
            t => t.GetProperty("messages").EnumerateArray().Any(m => m.GetProperty("text").GetString() == "Great, and to Sweden?"), "the emailed answer in the conversation");
        Assert.Equal("open", thread.GetProperty("conversation").GetProperty("status").GetString());
        Assert.Equal("web", thread.GetProperty("conversation").GetProperty("channel").GetString());

        // The next visit: the widget's GetConversation shows the whole thread, the emailed answer included.
        await using var again = await HubClient.VisitorAsync(E2e.Node.BaseUrl, visitorToken.Token);
        var seen = await again.Connection.InvokeAsync<ConversationThread>("GetConversation", conversationId);
        Assert.Equal(["Do you ship to Norway?", "Yes, within three days.", "Great, and to Sweden?"],
            seen.Messages.Where(m => m.Kind == MessageKind.Text).Select(m => m.Text));
    }

    [Fact]
    public async Task Mail_to_a_queue_starts_a_conversation_in_the_inbox_and_the_reply_answers_that_mail()
    {
        var queue = await E2e.CreateQueueAsync();
        var ana = await E2e.CreateAgentAsync(queue, "ana");
        var address = $"kari-{Guid.NewGuid():N}@example.org";
        var mail = new MimeMessage();
        mail.From.Add(new MailboxAddress("Kari", address));
        mail.To.Add(new MailboxAddress("Support", $"{queue}@{EmailNode.Domain}"));
        mail.Subject = "Invoice 1234";
        mail.MessageId = $"{Guid.NewGuid():N}@example.org";
        mail.Body = new TextPart("plain") { Text = "My invoice shows the wrong amount." };
        await fixture.SendAsync(mail);

        using var http = E2e.Http(ana.Token);
        var listed = await Eventually.Until(async () =>
        {
            var page = await http.GetFromJsonAsync<JsonElement>($"/api/conversations?channel=email&queue={queue}");
            return page.GetProperty("conversations").EnumerateArray().ToList();
        }, l => l.Count == 1, "the mailed conversation in the inbox");
        var conversation = listed[0];
        Assert.Equal("Invoice 1234", conversation.GetProperty("subject").GetString());
        Assert.Equal(address, conversation.GetProperty("contactEmail").GetString());
        Assert.Equal(ContactIds.ForEmail(address), conversation.GetProperty("contactId").GetString());
        var id = conversation.GetProperty("conversationId").GetString()!;

        (await http.PostAsJsonAsync($"/api/conversations/{id}/messages", new { text = "Sorry, a corrected invoice is on its way." })).EnsureSuccessStatusCode();
        var reply = await fixture.Catcher.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == address), "the reply to the mail");
        Assert.Equal("Re: Invoice 1234", reply.Subject);
        Assert.Equal(mail.MessageId, reply.InReplyTo);
        Assert.Contains(mail.MessageId, reply.References);
    }

    [Fact]
    public async Task Files_in_a_mail_become_the_conversations_attachments_and_a_reply_mails_its_own_file()
    {
        var queue = await E2e.CreateQueueAsync();
        var ana = await E2e.CreateAgentAsync(queue, "ana");
        var address = $"ola-{Guid.NewGuid():N}@example.org";
        var mail = new MimeMessage();
        mail.From.Add(new MailboxAddress("Ola", address));
        mail.To.Add(new MailboxAddress("Support", $"{queue}@{EmailNode.Domain}"));
        mail.Subject = "Broken part";
        var body = new BodyBuilder { TextBody = "The part arrived broken, see the photo." };
        body.Attachments.Add("photo.png", Api.AttachmentTests.Png, new ContentType("image", "png"));
        body.Attachments.Add("invoice.jpg", [(byte)'M', (byte)'Z', 0x90, 0x00, 0x03, 0x00], new ContentType("image", "jpeg")); // an executable
        mail.Body = body.ToMessageBody();
        await fixture.SendAsync(mail);

        using var http = E2e.Http(ana.Token);
        var id = (await Eventually.Until(async () =>
        {
            var page = await http.GetFromJsonAsync<JsonElement>($"/api/conversations?channel=email&queue={queue}");
            return page.GetProperty("conversations").EnumerateArray().ToList();
        }, l => l.Count == 1, "the mailed conversation in the inbox"))[0].GetProperty("conversationId").GetString()!;
        var thread = await http.GetFromJsonAsync<JsonElement>($"/api/conversations/{id}");
        var first = thread.GetProperty("messages")[0];
        var kept = Assert.Single(first.GetProperty("attachments").EnumerateArray());
        Assert.Equal("photo.png", kept.GetProperty("fileName").GetString());
        Assert.Equal("image/png", kept.GetProperty("contentType").GetString());
        Assert.Contains("attachment not kept: invoice.jpg", first.GetProperty("text").GetString()); // named, and kept in the stored original
        var link = await http.GetFromJsonAsync<JsonElement>($"/api/attachments/{kept.GetProperty("attachmentId").GetString()}");
        Assert.Equal(Api.AttachmentTests.Png, await E2e.Http(null).GetByteArrayAsync(link.GetProperty("url").GetString()));

        // The team answers with a file of its own: the mail carries it.
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent("%PDF-1.4\n%%EOF\n"u8.ToArray()), "file", "label.pdf");
        var upload = await http.PostAsync($"/api/attachments?scope={id}", form);
        var fileId = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("attachmentId").GetString();
        (await http.PostAsJsonAsync($"/api/conversations/{id}/messages", new { text = "Here is a return label.", attachments = new[] { fileId } })).EnsureSuccessStatusCode();
        var reply = await fixture.Catcher.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == address), "the reply with its file");
        var attached = Assert.Single(reply.Attachments.OfType<MimePart>());
        Assert.Equal("label.pdf", attached.FileName);
        Assert.Equal("application/pdf", attached.ContentType.MimeType);
        Assert.Contains("Here is a return label.", reply.TextBody);
    }

    [Fact]
    public async Task A_visitor_gets_the_transcript_of_a_chat_by_email()
    {
        var queue = await E2e.CreateQueueAsync();
        var ana = await E2e.CreateAgentAsync(queue, "ana");
        await using var agent = await HubClient.AgentAsync(E2e.Node.BaseUrl, ana.Token);
        await agent.WaitFor<AgentStatus>(ClientEvents.AgentStatus);
        var visitorToken = await E2e.NewVisitorAsync();
        await using var visitor = await HubClient.VisitorAsync(E2e.Node.BaseUrl, visitorToken.Token);
        var sessionId = (await visitor.Connection.InvokeAsync<JoinResult>("StartSession", new StartSessionRequest(queue))).Session.SessionId;
        await agent.WaitFor<SessionOffer>(ClientEvents.Offer, o => o.SessionId == sessionId);
        await agent.Connection.InvokeAsync<JoinResult>("AcceptOffer", sessionId);
        await visitor.Connection.InvokeAsync<MessageAck>("SendMessage", sessionId, "q-1", "Which plan has SSO?");
        await agent.Connection.InvokeAsync<MessageAck>("SendMessage", sessionId, "a-1", "The Business plan.");

        var address = $"t-{Guid.NewGuid():N}@example.com";
        await Eventually.Until(async () =>
        {
            try { await visitor.Connection.InvokeAsync("EmailTranscript", sessionId, address); return true; }
            catch (Microsoft.AspNetCore.SignalR.HubException e) when (e.Message.Contains("not_found")) { return false; } // the chat joins its conversation one-way
        }, sent => sent, "the transcript request to be taken");
        var transcript = await fixture.Catcher.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == address), "the transcript mail");
        Assert.Equal("auto-generated", transcript.Headers["Auto-Submitted"]);
        Assert.Contains("Which plan has SSO?", transcript.TextBody);
        Assert.Contains("The Business plan.", transcript.TextBody);
    }

    [Fact]
    public async Task Erasing_a_contact_leaves_nothing_of_them_in_PostgreSQL()
    {
        var word = "zanzibar" + Guid.NewGuid().ToString("N")[..10];
        var address = $"{word}@example.com";
        var queue = await E2e.CreateQueueAsync();
        var ana = await E2e.CreateAgentAsync(queue, "ana");
        var visitorToken = await E2e.NewVisitorAsync();
        var customerId = visitorToken.CustomerId;
        string conversationId, sessionId;
        await using (var agent = await HubClient.AgentAsync(E2e.Node.BaseUrl, ana.Token))
        await using (var visitor = await HubClient.VisitorAsync(E2e.Node.BaseUrl, visitorToken.Token))
        {
            await agent.WaitFor<AgentStatus>(ClientEvents.AgentStatus);
            var left = await visitor.Connection.InvokeAsync<ConversationPost>("LeaveMessage", new LeaveMessageRequest(queue, "Zed " + word, address, $"About {word}: do you ship?", "m-1"));
            conversationId = left.Conversation.ConversationId;
            sessionId = (await visitor.Connection.InvokeAsync<JoinResult>("StartSession", new StartSessionRequest(queue, Topic: $"topic {word}"))).Session.SessionId;
            await agent.WaitFor<SessionOffer>(ClientEvents.Offer, o => o.SessionId == sessionId);
            await agent.Connection.InvokeAsync<JoinResult>("AcceptOffer", sessionId);
            await visitor.Connection.InvokeAsync<MessageAck>("SendMessage", sessionId, "q-1", $"Live about {word}");
            await agent.Connection.InvokeAsync<MessageAck>("SendMessage", sessionId, "a-1", $"Sure, {word} ships.");
            await agent.Connection.InvokeAsync<SessionView>("CloseSession", sessionId, "resolved");
        }
        await UntilOfflineAsync(customerId);
        using var http = E2e.Http(ana.Token);
        (await http.PostAsJsonAsync($"/api/conversations/{conversationId}/messages", new { text = $"Mailing you about {word}." })).EnsureSuccessStatusCode();
        var reply = await fixture.Catcher.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == address), "the reply by mail");
        var answer = new MimeMessage();
        answer.From.Add(new MailboxAddress("Zed", address));
        answer.To.Add(reply.ReplyTo.Mailboxes.Single());
        answer.Subject = "Re: " + reply.Subject;
        answer.Body = new TextPart("plain") { Text = $"Thanks, {word} it is." };
        await fixture.SendAsync(answer);
        await Eventually.Until(() => ThreadAsync(http, conversationId),
            t => t.GetProperty("messages").EnumerateArray().Any(m => m.GetProperty("text").GetString() == $"Thanks, {word} it is."), "the mailed answer");
        (await http.PostAsJsonAsync($"/api/conversations/{conversationId}/notes", new { text = $"Private: {word} prefers mail." })).EnsureSuccessStatusCode();
        Assert.NotEmpty(await RowsMentioningAsync($"{word} prefers mail")); // the note, in the conversation's state

        using var admin = E2e.Http(E2e.AdminToken);
        var erased = await (await admin.DeleteAsync($"/api/contacts/{customerId}")).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, erased.GetProperty("conversations").GetInt32());
        Assert.Equal(1, erased.GetProperty("sessions").GetInt32());
        Assert.True(erased.GetProperty("messages").GetInt64() >= 6);

        foreach (var needle in new[] { word, customerId, conversationId, sessionId })
            Assert.True((await RowsMentioningAsync(needle)) is [] , $"rows still mention {needle}: {string.Join("; ", await RowsMentioningAsync(needle))}");
        Assert.Equal(404, (int)(await http.GetAsync($"/api/conversations/{conversationId}")).StatusCode);
        Assert.Equal(404, (int)(await admin.DeleteAsync($"/api/contacts/{customerId}")).StatusCode); // erased: nobody by that id
    }

    [Fact]
    public async Task Retention_erases_resolved_conversations_idle_past_their_queues_period_and_keeps_the_rest()
    {
        var queue = await E2e.CreateQueueAsync();
        var ana = await E2e.CreateAgentAsync(queue, "ana");
        using var admin = E2e.Http(E2e.AdminToken);
        Assert.Equal(400, (int)(await admin.PutAsJsonAsync($"/api/queues/{queue}", new { name = "Q", skills = new[] { "support" }, retentionDays = 0 })).StatusCode);
        (await admin.PutAsJsonAsync($"/api/queues/{queue}", new { name = "Q", skills = new[] { "support" }, retentionDays = 30 })).EnsureSuccessStatusCode();

        var word = "retained" + Guid.NewGuid().ToString("N")[..8];
        async Task<string> LeaveAsync(string text)
        {
            var visitorToken = await E2e.NewVisitorAsync();
            await using var visitor = await HubClient.VisitorAsync(E2e.Node.BaseUrl, visitorToken.Token);
            return (await visitor.Connection.InvokeAsync<ConversationPost>("LeaveMessage", new LeaveMessageRequest(queue, null, "r@example.com", text, null))).Conversation.ConversationId;
        }
        var old = await LeaveAsync($"old {word}");
        var oldButOpen = await LeaveAsync($"open {word}");
        var recent = await LeaveAsync($"recent {word}");
        using var http = E2e.Http(ana.Token);
        foreach (var id in new[] { old, recent })
            (await http.PostAsJsonAsync($"/api/conversations/{id}/status", new { status = "resolved" })).EnsureSuccessStatusCode();
        // Forty days pass for two of them (the sweep reads the inbox's index).
        await using (var source = Npgsql.NpgsqlDataSource.Create(E2e.ConnectionString))
        await using (var age = source.CreateCommand("UPDATE engagement.conversation SET last_activity_at = now() - interval '40 days' WHERE conversation_id = ANY($1)"))
        {
            age.Parameters.AddWithValue(new[] { old, oldButOpen });
            await age.ExecuteNonQueryAsync();
        }

        var erased = await E2e.Node.Services.GetRequiredService<IGrainFactory>().GetRetention().Sweep();
        Assert.True(erased >= 1);
        Assert.Equal(404, (int)(await http.GetAsync($"/api/conversations/{old}")).StatusCode);
        Assert.Equal(200, (int)(await http.GetAsync($"/api/conversations/{oldButOpen}")).StatusCode);
        Assert.Equal(200, (int)(await http.GetAsync($"/api/conversations/{recent}")).StatusCode);
        Assert.Contains("engagement.session_message: 2", await RowsMentioningAsync(word)); // the open one's and the recent one's
    }

    /// <summary>Every row of the engagement and orleans schemas whose text, or any of whose bytes read as text, contains <paramref name="needle"/>.</summary>
    private async Task<List<string>> RowsMentioningAsync(string needle)
    {
        await using var source = Npgsql.NpgsqlDataSource.Create(E2e.ConnectionString);
        var tables = new List<(string Schema, string Table, string[] ByteColumns)>();
        await using (var list = source.CreateCommand("""
            SELECT t.table_schema, t.table_name,
                   coalesce(array_agg(c.column_name::text) FILTER (WHERE c.data_type = 'bytea'), '{}')
              FROM information_schema.tables t
              JOIN information_schema.columns c ON c.table_schema = t.table_schema AND c.table_name = t.table_name
             WHERE t.table_schema IN ('engagement', 'orleans') AND t.table_type = 'BASE TABLE'
             GROUP BY 1, 2
            """))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add((reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2)));
        var found = new List<string>();
        foreach (var (schema, table, bytes) in tables)
        {
            var byteChecks = string.Concat(bytes.Select(b => $" OR position(convert_to($1, 'UTF8') in t.\"{b}\") > 0"));
            await using var count = source.CreateCommand($"SELECT count(*) FROM {schema}.\"{table}\" t WHERE position($1 in t::text) > 0{byteChecks}");
            count.Parameters.AddWithValue(needle);
            if ((long)(await count.ExecuteScalarAsync())! is var n and > 0) found.Add($"{schema}.{table}: {n}");
        }
        // Say which grain's state it is, for the failure message.
        await using (var states = source.CreateCommand("SELECT state_name || ' ' || coalesce(key_ext, '') FROM orleans.grain_state t WHERE position($1 in t::text) > 0 OR position(convert_to($1, 'UTF8') in t.payload) > 0"))
        {
            states.Parameters.AddWithValue(needle);
            await using var reader = await states.ExecuteReaderAsync();
            while (await reader.ReadAsync()) found.Add("grain state " + reader.GetString(0));
        }
        return found;
    }

    private async Task UntilOfflineAsync(string customerId)
    {
        var customer = E2e.Node.Services.GetRequiredService<IGrainFactory>().GetCustomer(customerId);
        await Eventually.Until(() => customer.GetPresence(), p => p.Overall == CustomerPresence.Offline, "the visitor to leave the site");
    }

    private static Task<JsonElement> ThreadAsync(HttpClient http, string conversationId) =>
        http.GetFromJsonAsync<JsonElement>($"/api/conversations/{conversationId}");
}
