using Engagement.Api.Validation;

namespace Engagement.UnitTests.Api;

public class FeedbackRulesTests
{
    [Fact]
    public void A_rating_keeps_a_multi_line_comment_trimmed_and_blank_is_none()
    {
        Assert.Equal(new RatingInput(5, 10, "Great.\nThanks!"), FeedbackRules.Rating(5, 10, "  Great.\nThanks!  "));
        Assert.Equal(new RatingInput(1, null, null), FeedbackRules.Rating(1, null, "   "));
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(6, null)]
    [InlineData(3, -1)]
    [InlineData(3, 11)]
    public void Scores_out_of_range_name_their_field(int csat, int? nps)
    {
        var error = Assert.Throws<InputException>(() => FeedbackRules.Rating(csat, nps, null));
        Assert.Equal(csat is < 1 or > 5 ? "csat" : "nps", error.Field);
    }

    [Fact]
    public void Comments_are_limited_and_free_of_control_characters()
    {
        Assert.Equal("comment", Assert.Throws<InputException>(() => FeedbackRules.Rating(3, null, new string('x', 1_001))).Field);
        Assert.Equal("comment", Assert.Throws<InputException>(() => FeedbackRules.Rating(3, null, "bell\a")).Field);
    }
}
