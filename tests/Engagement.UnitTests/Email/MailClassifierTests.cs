using Engagement.Email;
using MimeKit;

namespace Engagement.UnitTests.Email;

public class MailClassifierTests
{
    private const string Own = "support.example.com";
    private static readonly string[] ToQueue = ["help@support.example.com"];

    private static MimeMessage Mail(string from = "Jane <jane@customer.org>", params (string Name, string Value)[] headers)
    {
        var message = new MimeMessage { Subject = "Question", MessageId = "abc@customer.org" };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse("help@support.example.com"));
        foreach (var (name, value) in headers) message.Headers.Add(name, value);
        message.Body = new TextPart("plain") { Text = "Hello" };
        return message;
    }

    [Fact]
    public void A_mail_from_a_person_is_for_the_handler()
    {
        Assert.Equal(MailKind.Person, MailClassifier.Classify(Mail(), "jane@customer.org", ToQueue, Own).Kind);
        Assert.Equal(MailKind.Person, MailClassifier.Classify(Mail(headers: ("Auto-Submitted", "no")), "jane@customer.org", ToQueue, Own).Kind);
    }

    [Theory]
    [InlineData("Auto-Submitted", "auto-replied")]
    [InlineData("Auto-Submitted", "auto-generated; owner-email=\"x@y\"")]
    [InlineData("Precedence", "bulk")]
    [InlineData("Precedence", "junk")]
    [InlineData("Precedence", "list")]
    [InlineData("Precedence", "auto_reply")]
    [InlineData("X-Autoreply", "yes")]
    [InlineData("X-Autorespond", "Out of office")]
    [InlineData("List-Id", "<announce.lists.example.org>")]
    public void Automatic_mail_is_never_answered(string header, string value)
    {
        var (kind, reason) = MailClassifier.Classify(Mail(headers: (header, value)), "jane@customer.org", ToQueue, Own);
        Assert.Equal(MailKind.AutoReply, kind);
        Assert.Contains(header, reason);
    }

    [Fact]
    public void A_delivery_status_notification_is_a_bounce_even_when_it_also_says_auto_replied()
    {
        var message = Mail("Mail Delivery System <daemon@mx.customer.org>", ("Auto-Submitted", "auto-replied"));
        message.Body = new MultipartReport("delivery-status") { new TextPart("plain") { Text = "failed" } };
        Assert.Equal(MailKind.Bounce, MailClassifier.Classify(message, "", ["help+bounce.m1@support.example.com"], Own).Kind);
    }

    [Theory]
    [InlineData("MAILER-DAEMON@mx.customer.org")]
    [InlineData("postmaster@customer.org")]
    public void A_mailer_daemon_is_a_bounce(string from) =>
        Assert.Equal(MailKind.Bounce, MailClassifier.Classify(Mail(from), "", ToQueue, Own).Kind);

    [Fact]
    public void The_null_sender_and_bounce_addresses_are_never_answered()
    {
        Assert.Equal(MailKind.NullSender, MailClassifier.Classify(Mail(), "", ToQueue, Own).Kind);
        Assert.Equal(MailKind.NullSender, MailClassifier.Classify(Mail(), "jane@customer.org", ["help+bounce.m1@support.example.com"], Own).Kind);
    }

    [Fact]
    public void A_read_receipt_is_automatic()
    {
        var message = Mail();
        message.Body = new MultipartReport("disposition-notification") { new TextPart("plain") { Text = "displayed" } };
        Assert.Equal(MailKind.AutoReply, MailClassifier.Classify(message, "jane@customer.org", ToQueue, Own).Kind);
    }

    [Fact]
    public void Our_own_domain_or_message_ids_coming_back_are_loops()
    {
        Assert.Equal(MailKind.Loop, MailClassifier.Classify(Mail("help@support.example.com"), "x@support.example.com", ToQueue, Own).Kind);
        var ours = Mail();
        ours.MessageId = "m1@support.example.com";
        Assert.Equal(MailKind.Loop, MailClassifier.Classify(ours, "jane@customer.org", ToQueue, Own).Kind);
    }
}
