using Engagement.Agents;

namespace Engagement.UnitTests.Grains;

public class AgentRulesTests
{
    [Theory]
    [InlineData(false, AgentChosenStatus.Available, 0, 2, AgentPresence.Offline)]
    [InlineData(false, AgentChosenStatus.Away, 0, 2, AgentPresence.Offline)]
    [InlineData(true, AgentChosenStatus.Away, 0, 2, AgentPresence.Away)]
    [InlineData(true, AgentChosenStatus.Available, 2, 2, AgentPresence.Busy)]
    [InlineData(true, AgentChosenStatus.Available, 1, 2, AgentPresence.Available)]
    public void Presence_combines_liveness_choice_and_load(bool online, AgentChosenStatus chosen, int active, int capacity, AgentPresence expected) =>
        Assert.Equal(expected, AgentRules.Presence(online, chosen, active, capacity));

    [Fact]
    public void Offers_need_availability_spare_capacity_and_no_offer_already_pending()
    {
        Assert.True(AgentRules.CanTakeOffer(AgentPresence.Available, 1, 0, 2));
        Assert.False(AgentRules.CanTakeOffer(AgentPresence.Available, 1, 1, 3));
        Assert.False(AgentRules.CanTakeOffer(AgentPresence.Available, 2, 0, 2));
        Assert.False(AgentRules.CanTakeOffer(AgentPresence.Away, 0, 0, 2));
    }

    [Fact]
    public void Profiles_are_validated_and_normalized()
    {
        var profile = new AgentProfile("alice", " Alice ", "alice@example.com", StaffRole.Agent, ["Support", "support"], 3, ["support"]);
        var valid = AgentRules.Validate("alice", profile);
        Assert.Equal("Alice", valid.DisplayName);
        Assert.Equal(["support"], valid.Skills);
        Assert.Equal(ErrorCodes.Invalid, Assert.Throws<EngagementException>(() => AgentRules.Validate("bob", profile)).Code);
        Assert.Throws<EngagementException>(() => AgentRules.Validate("alice", profile with { Capacity = 0 }));
        Assert.Throws<EngagementException>(() => AgentRules.Validate("alice", profile with { Email = "nope" }));
        Assert.Throws<EngagementException>(() => AgentRules.Validate("alice", profile with { Queues = ["bad id!"] }));
    }
}
