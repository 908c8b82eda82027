using Engagement.Media.Tests;
using System.Text;
using Engagement.Email;
using Engagement.FunctionalTests.Infrastructure;
using Engagement.LoadTests.Cluster;
using MailKit.Net.Smtp;
using MimeKit;

namespace Engagement.FunctionalTests.Email;

/// <summary>
/// Real mail into the real listener: MailKit (or SMTP by hand) on 127.0.0.1, stored in PostgreSQL, processed, and
/// handed to the test's handler; each test on a database of its own.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class InboundMailTests(PostgresFixture postgres)
{
    internal static MimeMessage Mail(string subject, string text, string to = EmailNode.Queue, string from = "Jane Doe <jane@customer.test>")
    {
        var message = new MimeMessage { Subject = subject };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Body = new TextPart("plain") { Text = text };
        return message;
    }

    private async Task<(EmailNode Node, RecordingMailHandler Handler)> StartAsync()
    {
        var handler = new RecordingMailHandler();
        var node = await EmailNode.StartAsync(await postgres.CreateDatabaseAsync("email", migrate: true), FreePorts.One(), handler);
        return (node, handler);
    }

    [Fact]
    public async Task A_plain_mail_starts_a_conversation()
    {
        var (node, handler) = await StartAsync();
        await using var _ = node;
        var sent = Mail("Question about my order", "Where is order 42?\n\n-- \nJane");
        sent.Cc.Add(MailboxAddress.Parse("boss@customer.test"));

        var rawId = EmailNode.QueuedId(await node.SendAsync(sent));
        var mail = await handler.WaitForAsync(rawId);
        var record = await node.ProcessedAsync(rawId);

        Assert.Equal(new EmailAddress("jane@customer.test", "Jane Doe"), mail.From);
        Assert.Equal("Question about my order", mail.Subject);
        Assert.Equal("Where is order 42?", mail.Text);
        Assert.Equal(["help@support.test"], mail.EnvelopeTo);
        Assert.Equal(["boss@customer.test"], mail.Cc.Select(c => c.Address));
        Assert.Equal(sent.MessageId, mail.MessageId);
        Assert.Equal(MailThreadMatch.None, mail.Thread.Match);
        Assert.Equal((InboundDisposition.Handled, "StartedConversation", $"conv-{rawId}"), (record.Disposition, record.Result, record.ConversationId));
    }

    [Fact]
    public async Task Mail_of_one_batch_is_handled_side_by_side_and_each_senders_mail_in_order()
    {
        var (node, handler) = await StartAsync();
        await using var _ = node;
        var gate = new TaskCompletionSource();
        var inFlight = 0;
        var mostAtOnce = 0;
        handler.Behaviour = async (mail, ct) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            lock (handler) mostAtOnce = Math.Max(mostAtOnce, now);
            if (mail.Subject == "hold") await gate.Task.WaitAsync(ct); // the first mail holds the processor until all are stored
            else await Task.Delay(50, ct);
            Interlocked.Decrement(ref inFlight);
        };
        var held = EmailNode.QueuedId(await node.SendAsync(Mail("hold", "first")));
        await Eventually.Until(() => Task.FromResult(handler.Received.Count), n => n == 1, "the first mail in the handler");
        var order = new List<(string From, long RawId)>();
        foreach (var i in Enumerable.Range(1, 3))
        {
            foreach (var from in new[] { "jane@customer.test", "bob@customer.test" })
                order.Add((from, EmailNode.QueuedId(await node.SendAsync(Mail($"mail {i}", $"number {i}", from: from)))));
        }
        gate.SetResult();
        foreach (var (_, rawId) in order) await node.ProcessedAsync(rawId);

        Assert.True(mostAtOnce >= 2, "two senders' mails of one batch were handled at once");
        foreach (var from in new[] { "jane@customer.test", "bob@customer.test" })
        {
            var handled = handler.Received.Where(m => m.From.Address == from && m.RawMailId != held).Select(m => m.RawMailId);
            Assert.Equal(order.Where(o => o.From == from).Select(o => o.RawId), handled);
        }
        Assert.Contains(held, handler.Received.Select(m => m.RawMailId));
    }

    [Fact]
    public async Task An_html_only_mail_is_reduced_to_text()
    {
        var (node, handler) = await StartAsync();
        await using var _ = node;
        var sent = Mail("Hi", "");
        sent.Body = new TextPart("html") { Text = "<div>Hello <b>support</b>,</div><div>my login fails.</div><blockquote>older mail</blockquote>" };

        var mail = await handler.WaitForAsync(EmailNode.QueuedId(await node.SendAsync(sent)));

        Assert.Equal("Hello support,\nmy login fails.", mail.Text);
    }

    [Fact]
    public async Task An_attachment_is_typed_by_its_content_not_its_name()
    {
        var (node, handler) = await StartAsync();
        await using var _ = node;
        var sent = Mail("Screenshot", "");
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52 };
        var body = new BodyBuilder { TextBody = "See the attached screenshot." };
        body.Attachments.Add("report.pdf", png, new ContentType("application", "pdf"));
        sent.Body = body.ToMessageBody();

        var mail = await handler.WaitForAsync(EmailNode.QueuedId(await node.SendAsync(sent)));

        var attachment = Assert.Single(mail.Attachments);
        Assert.Equal(("report.pdf", "image/png", "application/pdf", png.LongLength), (attachment.FileName, attachment.ContentType, attachment.DeclaredContentType, attachment.Size));
        Assert.Equal(png, attachment.Content);
        Assert.Equal("See the attached screenshot.", mail.Text);
    }

    [Fact]
    public async Task A_mail_over_the_size_limit_is_refused_with_552_and_nothing_is_stored()
    {
        var (node, _) = await StartAsync();
        await using var __ = node;

        // Declared too big in MAIL FROM (what MailKit and Postfix do when the server advertises SIZE).
        await using (var smtp = await RawSmtp.ConnectAsync(node.SmtpPort))
        {
            var (code, text) = await smtp.CommandAsync("MAIL FROM:<jane@customer.test> SIZE=10000000");
            Assert.Equal(552, code);
            Assert.Contains("size", text, StringComparison.OrdinalIgnoreCase);
        }
        // Not declared, just sent: the listener stops reading at the limit and answers 552.
        await using (var smtp = await RawSmtp.ConnectAsync(node.SmtpPort))
        {
            Assert.Equal(250, (await smtp.CommandAsync("MAIL FROM:<jane@customer.test>")).Code);
            Assert.Equal(250, (await smtp.CommandAsync($"RCPT TO:<{EmailNode.Queue}>")).Code);
            var huge = Encoding.ASCII.GetBytes("From: jane@customer.test\r\nSubject: huge\r\n\r\n" + string.Concat(Enumerable.Repeat(new string('x', 998) + "\r\n", 400)));
            var (code, _) = await smtp.DataAsync(huge);
            Assert.Equal(552, code);
        }
        // MailKit reads the advertised SIZE and does not even try.
        var refused = await Assert.ThrowsAsync<SmtpCommandException>(() => node.SendAsync(Mail("huge", new string('y', 400_000))));
        Assert.Equal(552, (int)refused.StatusCode);

        Assert.Null(await node.Inbound.GetAsync(1));
    }

    [Fact]
    public async Task A_recipient_outside_our_domains_is_refused_with_550()
    {
        var (node, _) = await StartAsync();
        await using var __ = node;

        var refused = await Assert.ThrowsAsync<SmtpCommandException>(() => node.SendAsync(Mail("Relay?", "relay me", to: "someone@elsewhere.test")));

        Assert.Equal(550, (int)refused.StatusCode);
        Assert.Equal(SmtpErrorCode.RecipientNotAccepted, refused.ErrorCode);
        Assert.Contains("own domains", refused.Message);
        Assert.Null(await node.Inbound.GetAsync(1));
    }

    [Fact]
    public async Task Malformed_mime_is_stored_and_recorded_as_malformed_without_reaching_the_handler()
    {
        var (node, handler) = await StartAsync();
        await using var _ = node;
        await using var smtp = await RawSmtp.ConnectAsync(node.SmtpPort);
        await smtp.CommandAsync("MAIL FROM:<jane@customer.test>");
        await smtp.CommandAsync($"RCPT TO:<{EmailNode.Queue}>");

        var (code, text) = await smtp.DataAsync(Encoding.ASCII.GetBytes("this line is no header\r\n\r\nand this is no mail\r\n"));
        Assert.Equal(250, code);
        var record = await node.ProcessedAsync(EmailNode.QueuedId(text));

        Assert.Equal(InboundDisposition.Malformed, record.Disposition);
        Assert.StartsWith("not a MIME message", record.Detail);
        Assert.DoesNotContain(handler.Received, m => m.RawMailId == record.RawId);
    }

    [Fact]
    public async Task An_auto_reply_is_recorded_and_never_handed_on()
    {
        var (node, handler) = await StartAsync();
        await using var _ = node;
        var reply = Mail("Out of office", "I am away until Monday.");
        reply.Headers.Add(HeaderId.AutoSubmitted, "auto-replied");

        var record = await node.ProcessedAsync(EmailNode.QueuedId(await node.SendAsync(reply)));

        Assert.Equal((InboundDisposition.Ignored, "auto-reply", "Auto-Submitted: auto-replied"), (record.Disposition, record.Result, record.Detail));
        Assert.Empty(handler.Received);
    }

    [Fact]
    public async Task A_handler_failure_keeps_the_mail_and_it_is_retried()
    {
        var (node, handler) = await StartAsync();
        await using var _ = node;
        var calls = 0;
        handler.Behaviour = (_, _) => Interlocked.Increment(ref calls) == 1
            ? throw new InvalidOperationException("conversation store unavailable")
            : Task.CompletedTask;

        var record = await node.ProcessedAsync(EmailNode.QueuedId(await node.SendAsync(Mail("Retry me", "Hello"))));

        Assert.Equal((InboundDisposition.Handled, 2), (record.Disposition, record.Attempts));
        Assert.Equal(2, handler.Received.Count(m => m.RawMailId == record.RawId));
        Assert.True(node.Logs.Contains($"Inbound mail {record.RawId} attempt 1 failed; kept and retried"));
    }

    [Fact]
    public async Task A_resend_of_the_same_message_is_stored_once()
    {
        var (node, handler) = await StartAsync();
        await using var _ = node;
        var mail = Mail("Twice", "Sent again after a lost 250");

        var first = await node.SendAsync(mail);
        var second = await node.SendAsync(mail);

        Assert.Equal(EmailNode.QueuedId(first), EmailNode.QueuedId(second));
        await node.ProcessedAsync(EmailNode.QueuedId(first));
        Assert.Single(handler.Received);
    }

    [Fact]
    public async Task Without_a_handler_mail_is_stored_before_250_and_waits()
    {
        await using var node = await EmailNode.StartAsync(await postgres.CreateDatabaseAsync("email", migrate: true), FreePorts.One(), handler: null);
        await Media.Tests.Eventually.Until(() => Task.FromResult(node.Logs.Contains("no IInboundMailHandler is registered")), seen => seen,
            "the processor's warning");

        var rawId = EmailNode.QueuedId(await node.SendAsync(Mail("Anyone?", "Hello")));

        // Read at once after the 250: the row was committed before the answer.
        var record = await node.Inbound.GetAsync(rawId);
        Assert.NotNull(record);
        Assert.Equal((InboundDisposition.Pending, 0, "jane@customer.test"), (record.Disposition, record.Attempts, record.EnvelopeFrom));
        Assert.Equal(["help@support.test"], record.EnvelopeTo);
    }
}
