using Engagement.Email;
using Engagement.FunctionalTests.EndToEnd;
using Engagement.FunctionalTests.Infrastructure;
using Engagement.LoadTests.Cluster;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.FunctionalTests.Email;

/// <summary>The silo's own composition hosts the channel when configured, and nothing of it when not.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SiloEmailTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_silo_with_email_enabled_sends_through_the_relay_and_listens_for_mail()
    {
        await using var catcher = await MailCatcher.StartAsync();
        var smtpPort = FreePorts.One();
        var settings = new Dictionary<string, string?>(EndToEndFixture.Settings)
        {
            ["Engagement:Email:Enabled"] = "true",
            ["Engagement:Email:Domain"] = EmailNode.Domain,
            ["Engagement:Email:Smtp:Host"] = "127.0.0.1",
            ["Engagement:Email:Smtp:Port"] = catcher.Port.ToString(),
            ["Engagement:Email:Smtp:Security"] = "None",
            ["Engagement:Email:Inbound:Port"] = smtpPort.ToString(),
            ["Engagement:Email:Inbound:AcceptedDomains:0"] = EmailNode.Domain,
        };
        await using var node = await EngagementNode.StartAsync(await postgres.CreateDatabaseAsync("silo_email", migrate: false), settings);

        var outbox = node.Services.GetRequiredService<IMailOutbox>();
        await outbox.EnqueueAsync(OutboundMailTests.Reply("m1", "conv-1", ReplyToken.New()));
        await catcher.WaitForAsync(m => m.MessageId == "m1@support.test", "the silo's mail at the SMTP server");

        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", smtpPort, SecureSocketOptions.None);
        var reply = await client.SendAsync(InboundMailTests.Mail("Hello", "Anyone there?"));
        // The silo's own handler (conversations) takes it: there is no queue "help" here, so it is refused, with the reason kept.
        var inbound = node.Services.GetRequiredService<InboundStore>();
        var stored = await Engagement.Media.Tests.Eventually.Until(() => inbound.GetAsync(EmailNode.QueuedId(reply)),
            r => r?.Disposition == InboundDisposition.Handled, "the silo's handler to take the mail");
        Assert.Equal(nameof(InboundMailResult.Rejected), stored!.Result);
        Assert.Contains("No queue takes mail", stored.Detail);
    }

    [Fact]
    public async Task A_silo_without_email_settings_has_no_outbox()
    {
        await using var node = await EngagementNode.StartAsync(await postgres.CreateDatabaseAsync("silo_noemail", migrate: false), EndToEndFixture.Settings);
        Assert.Null(node.Services.GetService<IMailOutbox>());
    }
}
