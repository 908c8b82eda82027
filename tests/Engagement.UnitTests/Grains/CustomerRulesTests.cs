using Engagement.Customers;

namespace Engagement.UnitTests.Grains;

public class CustomerRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<string, ChannelPresence> None = [];
    private static readonly Dictionary<string, string> NoAttributes = [];

    [Fact]
    public void Any_foreground_tab_makes_the_channel_online_and_the_latest_page_wins()
    {
        var channels = CustomerRules.Channels(
        [
            (new VisitorLocation("web", "/pricing", "Pricing", Away: true), T0),
            (new VisitorLocation("web", "/docs", "Docs", Away: false), T0.AddSeconds(5)),
        ], None, T0);
        var web = Assert.Single(channels);
        Assert.Equal(CustomerPresence.Online, web.Status);
        Assert.Equal("/docs", web.CurrentPage);
        Assert.Equal(2, web.Connections);
    }

    [Fact]
    public void All_tabs_hidden_is_away_and_no_connections_is_offline()
    {
        var away = CustomerRules.Channels([(new VisitorLocation("web", "/a", null, Away: true), T0)], None, T0);
        Assert.Equal(CustomerPresence.Away, away[0].Status);
        var offline = CustomerRules.Channels([], away.ToDictionary(c => c.Channel), T0.AddMinutes(1));
        Assert.Equal(CustomerPresence.Offline, offline[0].Status);
        Assert.Equal(T0.AddMinutes(1), offline[0].Since);
        Assert.Equal(CustomerPresence.Offline, CustomerRules.Overall([]));
    }

    [Fact]
    public void Since_only_moves_when_the_status_changes()
    {
        var first = CustomerRules.Channels([(new VisitorLocation("web", "/a", null, false), T0)], None, T0);
        var second = CustomerRules.Channels([(new VisitorLocation("web", "/b", null, false), T0.AddSeconds(9))], first.ToDictionary(c => c.Channel), T0.AddSeconds(9));
        Assert.Equal(T0, second[0].Since);
        Assert.Equal("/b", second[0].CurrentPage);
    }

    [Fact]
    public void Attribute_limits_and_known_ids_are_enforced()
    {
        CustomerRules.ValidateAttributes(new Dictionary<string, string> { ["plan"] = "pro" }, NoAttributes);
        Assert.Throws<EngagementException>(() => CustomerRules.ValidateAttributes(new Dictionary<string, string> { [""] = "x" }, NoAttributes));
        Assert.Throws<EngagementException>(() => CustomerRules.ValidateAttributes(new Dictionary<string, string> { ["k"] = new string('x', 1001) }, NoAttributes));
        Assert.Throws<EngagementException>(() => CustomerRules.ValidateAttributes(Enumerable.Range(0, 51).ToDictionary(i => $"k{i}", i => "v"), NoAttributes));
        var full = Enumerable.Range(0, Limits.AttributesPerCustomer).ToDictionary(i => $"k{i}", i => "v");
        CustomerRules.ValidateAttributes(new Dictionary<string, string> { ["k1"] = "changed" }, full);
        var tooMany = Assert.Throws<EngagementException>(() => CustomerRules.ValidateAttributes(new Dictionary<string, string> { ["new"] = "v" }, full));
        Assert.Equal(ErrorCodes.TooLarge, tooMany.Code);
        CustomerRules.ValidateKnownId("crm-12345");
        Assert.Throws<EngagementException>(() => CustomerRules.ValidateKnownId("v_pretender"));
        Assert.Throws<EngagementException>(() => CustomerRules.ValidateKnownId("has space"));
    }
}
