using Engagement.Api.Endpoints.Agents;
using Engagement.Api.Endpoints.Queues;
using Engagement.Api.Validation;

namespace Engagement.UnitTests.Api;

public class AccountRulesTests
{
    [Fact]
    public void An_agent_profile_takes_defaults_and_normalizes_lists()
    {
        var profile = AgentProfileRules.Build("a_1", " Ada ", "ada@example.com", null, ["sales", "sales"], null, ["support"], null, null);

        Assert.Equal(new AgentProfile("a_1", "Ada", "ada@example.com", StaffRole.Agent, ["sales"], 3, ["support"]) with
        {
            Skills = profile.Skills,
            Queues = profile.Queues,
        }, profile);
        Assert.Equal(["sales"], profile.Skills);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("Ada <ada@example.com>")]
    [InlineData("")]
    public void Bad_emails_are_refused(string email)
    {
        Assert.Equal("email", Assert.Throws<InputException>(() => AgentProfileRules.Email(email)).Field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(51)]
    public void Capacity_outside_1_to_50_is_refused(int capacity)
    {
        var error = Assert.Throws<InputException>(() =>
            AgentProfileRules.Build("a_1", "Ada", "ada@example.com", StaffRole.Agent, null, capacity, null, null, null));
        Assert.Equal("capacity", error.Field);
    }

    [Fact]
    public void Photo_urls_must_be_absolute_http()
    {
        Assert.Throws<InputException>(() =>
            AgentProfileRules.Build("a_1", "Ada", "ada@example.com", null, null, null, null, null, "javascript:alert(1)"));
    }

    [Fact]
    public void Passwords_are_8_to_128_characters()
    {
        Assert.Equal("12345678", AgentProfileRules.Password("12345678"));
        Assert.Throws<InputException>(() => AgentProfileRules.Password("1234567"));
        Assert.Throws<InputException>(() => AgentProfileRules.Password(new string('p', 129)));
        Assert.Throws<InputException>(() => AgentProfileRules.Password(null));
    }

    [Fact]
    public void A_queue_takes_the_default_timings()
    {
        var definition = QueueDefinitionRules.Build("support", "Support", ["support"], null, null);

        Assert.Equal(QueueDefinition.DefaultOfferTimeout, definition.OfferTimeout);
        Assert.Equal(QueueDefinition.DefaultSlaTarget, definition.SlaTarget);
    }

    [Fact]
    public void Queue_timings_out_of_range_are_refused()
    {
        Assert.Equal("offerTimeout", Assert.Throws<InputException>(() =>
            QueueDefinitionRules.Build("support", "Support", null, TimeSpan.FromSeconds(1), null)).Field);
        Assert.Equal("slaTarget", Assert.Throws<InputException>(() =>
            QueueDefinitionRules.Build("support", "Support", null, null, TimeSpan.FromDays(2))).Field);
    }
}
