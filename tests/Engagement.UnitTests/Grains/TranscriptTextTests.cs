using Engagement.Sessions;

namespace Engagement.UnitTests.Grains;

public class TranscriptTextTests
{
    [Theory]
    [InlineData(0, "0 s")]
    [InlineData(45, "45 s")]
    [InlineData(60, "1 min 0 s")]
    [InlineData(125, "2 min 5 s")]
    [InlineData(3_780, "1 h 3 min")]
    [InlineData(-5, "0 s")]
    public void Durations_read_in_their_largest_units(int seconds, string expected) =>
        Assert.Equal(expected, TranscriptText.Duration(TimeSpan.FromSeconds(seconds)));
}
