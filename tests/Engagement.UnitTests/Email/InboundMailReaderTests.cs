using System.Text;
using Engagement.Email;
using MimeKit;

namespace Engagement.UnitTests.Email;

public class InboundMailReaderTests
{
    private static readonly StoredMail Stored = new(7, 1, "jane@customer.org", ["help@support.example.com"], [], DateTimeOffset.UnixEpoch);

    private static byte[] Raw(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }

    [Theory]
    [InlineData("", "empty message")]
    [InlineData("this is not a header\r\n\r\nbody\r\n", "not a MIME message")]
    [InlineData("\u0000\u0001binary", "not a MIME message")]
    [InlineData("Subject: no sender\r\n\r\nbody\r\n", "no sender address in From")]
    [InlineData("From: not an address\r\n\r\nbody\r\n", "no sender address in From")]
    public void Malformed_messages_say_why(string raw, string problem)
    {
        var (message, why) = InboundMailReader.Parse(Encoding.Latin1.GetBytes(raw), 32);
        Assert.Null(message);
        Assert.StartsWith(problem, why);
    }

    [Fact]
    public void A_reply_gives_its_new_text_headers_and_sniffed_attachments()
    {
        var message = new MimeMessage { Subject = "Re: Your question", MessageId = "r1@customer.org", InReplyTo = "m1@support.example.com" };
        message.References.Add("m0@support.example.com");
        message.References.Add("m1@support.example.com");
        message.From.Add(new MailboxAddress("Jane Doe", "jane@customer.org"));
        message.To.Add(MailboxAddress.Parse("help+abcdefgh2345@support.example.com"));
        message.Cc.Add(MailboxAddress.Parse("boss@customer.org"));
        var body = new BodyBuilder { TextBody = "Tuesday works.\n\nOn Mon, 3 Feb 2025, Alice wrote:\n> When?\n" };
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3 };
        body.Attachments.Add("../../etc/invoice.pdf", png, new ContentType("application", "pdf"));
        message.Body = body.ToMessageBody();

        var (parsed, problem) = InboundMailReader.Parse(Raw(message), 32);
        Assert.Null(problem);
        var thread = new MailThread(MailThreadMatch.Token, "abcdefgh2345", "conv-1");
        var mail = InboundMailReader.Read(Stored, parsed!, thread);

        Assert.Equal(new EmailAddress("jane@customer.org", "Jane Doe"), mail.From);
        Assert.Equal(["boss@customer.org"], mail.Cc.Select(c => c.Address));
        Assert.Equal("Tuesday works.", mail.Text);
        Assert.Contains("> When?", mail.FullText);
        Assert.Equal("m1@support.example.com", mail.InReplyTo);
        Assert.Equal(["m0@support.example.com", "m1@support.example.com"], mail.References);
        Assert.Equal(["m1@support.example.com", "m0@support.example.com"], InboundMailReader.ReferencedIds(parsed!));
        Assert.Same(thread, mail.Thread);
        var attachment = Assert.Single(mail.Attachments);
        Assert.Equal("invoice.pdf", attachment.FileName);
        Assert.Equal("image/png", attachment.ContentType); // by content, not by name or declared type
        Assert.Equal("application/pdf", attachment.DeclaredContentType);
        Assert.Equal(png, attachment.Content);
        Assert.False(attachment.Inline);
    }

    [Fact]
    public void An_html_only_mail_is_reduced_to_text()
    {
        var message = new MimeMessage { Subject = "Hi" };
        message.From.Add(MailboxAddress.Parse("jane@customer.org"));
        message.Body = new TextPart("html") { Text = "<p>Hello <b>there</b></p><blockquote>old</blockquote>" };
        var (parsed, _) = InboundMailReader.Parse(Raw(message), 32);
        var mail = InboundMailReader.Read(Stored, parsed!, MailThread.None);
        Assert.Equal("Hello there", mail.Text);
        Assert.Empty(mail.Attachments);
    }
}
