using Engagement.Email;
using Engagement.FunctionalTests.Infrastructure;
using MimeKit;

namespace Engagement.FunctionalTests.Email;

/// <summary>
/// The round trip: a mail goes out through the real SMTP server, and what comes back to our listener (a reply with the
/// token, a reply by reference only, a made-up token, a bounce) finds its conversation or its mail.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ThreadsAndBouncesTests(PostgresFixture postgres)
{
    private async Task<(EmailNode Node, RecordingMailHandler Handler, MailCatcher Catcher)> StartAsync()
    {
        var catcher = await MailCatcher.StartAsync();
        var handler = new RecordingMailHandler();
        var node = await EmailNode.StartAsync(await postgres.CreateDatabaseAsync("email", migrate: true), catcher.Port, handler);
        return (node, handler, catcher);
    }

    /// <summary>Sends mail <paramref name="id"/> of conversation conv-7 and returns it as the visitor received it.</summary>
    private static async Task<MimeMessage> DeliveredAsync(EmailNode node, MailCatcher catcher, string id, string token)
    {
        await node.Outbox.EnqueueAsync(OutboundMailTests.Reply(id, "conv-7", token));
        return await catcher.WaitForAsync(m => m.MessageId == $"{id}@support.test", $"{id} at the SMTP server");
    }

    /// <summary>The visitor's answer to <paramref name="ours"/>, as a mail client writes it.</summary>
    private static MimeMessage Answer(MimeMessage ours, string to, string text)
    {
        var answer = InboundMailTests.Mail("Re: " + ours.Subject, text, to);
        answer.InReplyTo = ours.MessageId;
        answer.References.Add(ours.MessageId!);
        return answer;
    }

    [Fact]
    public async Task A_reply_to_the_reply_address_continues_the_conversation()
    {
        var (node, handler, catcher) = await StartAsync();
        await using var _ = catcher;
        await using var __ = node;
        var ours = await DeliveredAsync(node, catcher, "m1", "abcdefgh234567abcdef");

        var answer = Answer(ours, ours.ReplyTo.Mailboxes.Single().Address, "Tuesday is fine.\n\nOn Mon, 3 Feb 2025, Lumina Support wrote:\n> Your order ships on Tuesday.");
        var rawId = EmailNode.QueuedId(await node.SendAsync(answer));
        var mail = await handler.WaitForAsync(rawId);
        var record = await node.ProcessedAsync(rawId);

        Assert.Equal(new MailThread(MailThreadMatch.Token, "abcdefgh234567abcdef", "conv-7"), mail.Thread);
        Assert.Equal("Tuesday is fine.", mail.Text);
        Assert.Equal(["help+abcdefgh234567abcdef@support.test"], mail.EnvelopeTo);
        Assert.Equal((InboundDisposition.Handled, "ContinuedConversation", "conv-7"), (record.Disposition, record.Result, record.ConversationId));
    }

    [Fact]
    public async Task A_reply_without_the_token_threads_by_its_references_and_a_made_up_token_is_reported()
    {
        var (node, handler, catcher) = await StartAsync();
        await using var _ = catcher;
        await using var __ = node;
        var ours = await DeliveredAsync(node, catcher, "m1", "abcdefgh234567abcdef");

        var byReference = await handler.WaitForAsync(EmailNode.QueuedId(await node.SendAsync(Answer(ours, EmailNode.Queue, "Thanks"))));
        Assert.Equal(new MailThread(MailThreadMatch.Reference, "abcdefgh234567abcdef", "conv-7"), byReference.Thread);

        var madeUp = InboundMailTests.Mail("Hello", "Is anyone there?", to: "help+zzzzzzzzzzzzzzzzzzzz@support.test");
        var rawId = EmailNode.QueuedId(await node.SendAsync(madeUp));
        var unknown = await handler.WaitForAsync(rawId);
        var record = await node.ProcessedAsync(rawId);
        Assert.Equal(new MailThread(MailThreadMatch.UnknownToken, "zzzzzzzzzzzzzzzzzzzz", null), unknown.Thread);
        Assert.Equal("UnknownToken", record.Result);
        Assert.Equal("no conversation has token zzzzzzzzzzzzzzzzzzzz; started conv-" + rawId, record.Detail);
    }

    [Fact]
    public async Task A_bounce_marks_the_mail_it_names_and_is_never_answered()
    {
        var (node, handler, catcher) = await StartAsync();
        await using var _ = catcher;
        await using var __ = node;
        var first = await DeliveredAsync(node, catcher, "m1", ReplyToken.New());
        var second = await DeliveredAsync(node, catcher, "m2", ReplyToken.New());

        // To the envelope sender of m1 (our bounce address), from the null reverse-path, as an MTA bounces.
        var byAddress = await BounceAsync(node, first.Headers["X-MailFrom"]!, "other-id@mx.customer.test");
        // To the queue's own address: found by the original's Message-ID in the report.
        var byMessageId = await BounceAsync(node, EmailNode.Queue, second.MessageId!);

        var m1 = await node.OutboundAsync("m1", OutboundMailState.Bounced);
        var m2 = await node.OutboundAsync("m2", OutboundMailState.Bounced);
        Assert.Equal((InboundDisposition.Bounce, "bounced"), (byAddress.Disposition, byAddress.Result));
        Assert.Equal((InboundDisposition.Bounce, "bounced"), (byMessageId.Disposition, byMessageId.Result));
        Assert.Equal("failed for jane@customer.test status 5.1.1 diagnostic 550 5.1.1 <jane@customer.test>: Recipient address rejected: User unknown", m1.Reason);
        Assert.Equal(m1.Reason, m2.Reason);
        Assert.Empty(handler.Received);
    }

    /// <summary>Sends a DSN (as Postfix writes one) with MAIL FROM:&lt;&gt; and waits for its outcome.</summary>
    private static async Task<InboundMailRecord> BounceAsync(EmailNode node, string recipient, string originalMessageId)
    {
        var status = new MessageDeliveryStatus();
        status.StatusGroups.Add(new HeaderList { { "Reporting-MTA", "dns; mx.customer.test" } });
        status.StatusGroups.Add(new HeaderList
        {
            { "Final-Recipient", "rfc822; jane@customer.test" },
            { "Action", "failed" },
            { "Status", "5.1.1" },
            { "Diagnostic-Code", "smtp; 550 5.1.1 <jane@customer.test>: Recipient address rejected: User unknown" },
        });
        var original = new MimeMessage { MessageId = originalMessageId, Subject = "Re: Question about my order" };
        original.From.Add(MailboxAddress.Parse(EmailNode.Queue));
        var dsn = new MimeMessage { Subject = "Undelivered Mail Returned to Sender" };
        dsn.From.Add(MailboxAddress.Parse("MAILER-DAEMON@mx.customer.test"));
        dsn.To.Add(MailboxAddress.Parse(recipient));
        dsn.Headers.Add(HeaderId.AutoSubmitted, "auto-replied");
        dsn.Body = new MultipartReport("delivery-status")
        {
            new TextPart("plain") { Text = "Your message could not be delivered to one or more recipients." },
            status,
            new TextRfc822Headers { Message = original },
        };
        using var raw = new MemoryStream();
        await dsn.WriteToAsync(raw);

        await using var smtp = await RawSmtp.ConnectAsync(node.SmtpPort);
        Assert.Equal(250, (await smtp.CommandAsync("MAIL FROM:<>")).Code);
        Assert.Equal(250, (await smtp.CommandAsync($"RCPT TO:<{recipient}>")).Code);
        var (code, text) = await smtp.DataAsync(raw.ToArray());
        Assert.Equal(250, code);
        return await node.ProcessedAsync(EmailNode.QueuedId(text));
    }
}
