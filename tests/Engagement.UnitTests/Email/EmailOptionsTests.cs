using Engagement.Email;

namespace Engagement.UnitTests.Email;

public class EmailOptionsTests
{
    private static EmailOptions Valid() => new()
    {
        Enabled = true,
        Smtp = { Host = "relay.example.com" },
        Inbound = { Port = 2525, AcceptedDomains = ["Support.Example.com"] },
    };

    [Fact]
    public void Defaults_with_a_relay_and_a_domain_hold_together()
    {
        Assert.Empty(Valid().Problems());
        Assert.Equal("support.example.com", Valid().OwnDomain);
        Assert.Empty(new EmailOptions().Problems()); // disabled: nothing to check
    }

    [Fact]
    public void Each_problem_is_named()
    {
        Assert.Contains(new EmailOptions { Enabled = true, Smtp = { Host = "relay" } }.Problems(), p => p.Contains("Domain"));
        var noRelay = Valid();
        noRelay.Smtp.Host = "";
        Assert.Contains(noRelay.Problems(), p => p.Contains("Smtp:Host"));
        var shortLease = Valid();
        shortLease.Outbox.Lease = TimeSpan.FromSeconds(30);
        Assert.Contains(shortLease.Problems(), p => p.Contains("Outbox:Lease"));
        var noDomains = Valid();
        noDomains.Domain = "support.example.com";
        noDomains.Inbound.AcceptedDomains = [];
        Assert.Contains(noDomains.Problems(), p => p.Contains("AcceptedDomains"));
    }
}
