using Engagement.Email;
using MimeKit;

namespace Engagement.UnitTests.Email;

public class BounceReportTests
{
    /// <summary>A DSN as Postfix writes one: explanation, delivery-status, the original's headers.</summary>
    internal static MimeMessage Dsn(string action, string originalMessageId)
    {
        var status = new MessageDeliveryStatus();
        var perMessage = new HeaderList { { "Reporting-MTA", "dns; mx.customer.org" } };
        var perRecipient = new HeaderList
        {
            { "Final-Recipient", "rfc822; jane@customer.org" },
            { "Action", action },
            { "Status", "5.1.1" },
            { "Diagnostic-Code", "smtp; 550 5.1.1 <jane@customer.org>: Recipient address rejected: User unknown" },
        };
        status.StatusGroups.Add(perMessage);
        status.StatusGroups.Add(perRecipient);
        var original = new MimeMessage { MessageId = originalMessageId, Subject = "Re: Question" };
        original.From.Add(MailboxAddress.Parse("help@support.example.com"));
        var message = new MimeMessage { Subject = "Undelivered Mail Returned to Sender", MessageId = "dsn1@mx.customer.org" };
        message.From.Add(MailboxAddress.Parse("MAILER-DAEMON@mx.customer.org"));
        message.To.Add(MailboxAddress.Parse("help@support.example.com"));
        message.Body = new MultipartReport("delivery-status")
        {
            new TextPart("plain") { Text = "I'm sorry to have to inform you that your message could not be delivered." },
            status,
            new TextRfc822Headers { Message = original },
        };
        return message;
    }

    [Fact]
    public void A_failed_dsn_names_the_original_and_says_why()
    {
        var bounce = BounceReport.Read(Dsn("failed", "m1@support.example.com"), ["help@support.example.com"]);
        Assert.True(bounce.Failed);
        Assert.Null(bounce.MailId);
        Assert.Contains("m1@support.example.com", bounce.MessageIds);
        Assert.Equal("failed for jane@customer.org status 5.1.1 diagnostic 550 5.1.1 <jane@customer.org>: Recipient address rejected: User unknown",
            bounce.Diagnostic);
    }

    [Fact]
    public void A_bounce_to_our_bounce_address_names_the_mail_id()
    {
        var bounce = BounceReport.Read(Dsn("failed", "other@elsewhere"), ["help+bounce.m7@support.example.com"]);
        Assert.Equal("m7", bounce.MailId);
    }

    [Fact]
    public void A_delay_notice_is_not_a_failure()
    {
        Assert.False(BounceReport.Read(Dsn("delayed", "m1@support.example.com"), []).Failed);
    }

    [Fact]
    public void A_daemon_bounce_without_a_report_is_read_from_its_text()
    {
        var message = new MimeMessage { Subject = "failure notice" };
        message.From.Add(MailboxAddress.Parse("MAILER-DAEMON@old.example.net"));
        message.Body = new TextPart("plain")
        {
            Text = "Hi. This is the qmail-send program.\n<jane@old.example.net>:\nSorry, no mailbox here by that name.\n\n--- Below this line is a copy of the message.\n\nMessage-ID: <m3@support.example.com>\nSubject: Re: Question\n",
        };
        var bounce = BounceReport.Read(message, []);
        Assert.True(bounce.Failed);
        Assert.Equal(["m3@support.example.com"], bounce.MessageIds);
        Assert.StartsWith("Hi. This is the qmail-send program. <jane@old.example.net>: Sorry, no mailbox here by that name.", bounce.Diagnostic);
    }
}
