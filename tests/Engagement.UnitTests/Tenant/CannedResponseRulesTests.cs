using Engagement.Tenant;

namespace Engagement.UnitTests.Tenant;

public class CannedResponseRulesTests
{
    [Fact]
    public void A_response_is_trimmed_and_its_shortcut_lower_cased_without_the_slash()
    {
        var valid = CannedResponseRules.Validate(new CannedResponse("greeting", " /Hi ", " Greeting ", " Hello! "));
        Assert.Equal(new CannedResponse("greeting", "hi", "Greeting", "Hello!"), valid);
    }

    [Theory]
    [InlineData("bad id", "hi", "Title", "Text")]
    [InlineData("ok", "", "Title", "Text")]
    [InlineData("ok", "two words", "Title", "Text")]
    [InlineData("ok", "hi", "", "Text")]
    [InlineData("ok", "hi", "Title", "   ")]
    public void Bad_responses_are_refused_as_invalid(string id, string shortcut, string title, string text)
    {
        var error = Assert.Throws<EngagementException>(() => CannedResponseRules.Validate(new CannedResponse(id, shortcut, title, text)));
        Assert.Equal(ErrorCodes.Invalid, error.Code);
    }

    [Fact]
    public void Limits_are_enforced()
    {
        Assert.Throws<EngagementException>(() => CannedResponseRules.Validate(new("ok", new string('a', 33), "t", "x")));
        Assert.Throws<EngagementException>(() => CannedResponseRules.Validate(new("ok", "a", new string('t', 101), "x")));
        Assert.Throws<EngagementException>(() => CannedResponseRules.Validate(new("ok", "a", "t", new string('x', 4_001))));
    }
}
