using Engagement.LoadTests.Measurement;

namespace Engagement.UnitTests.LoadTool;

/// <summary>Rate profiles (ramp-up, steady, spike) as the open-loop pacer follows them.</summary>
public class RateScheduleTests
{
    [Fact]
    public void A_profile_sends_the_area_under_its_rate()
    {
        var schedule = RateSchedule.Parse("ramp:0-100:10,steady:100:20,spike:500:2");

        Assert.Equal(TimeSpan.FromSeconds(32), schedule.Length);
        Assert.Equal(500, schedule.PeakRate);
        Assert.Equal(500 + 2000 + 1000, schedule.Total);
        Assert.Equal(50, schedule.RateAt(5), 6);
        Assert.Equal(100, schedule.RateAt(15), 6);
        Assert.Equal(500, schedule.RateAt(31), 6);
        Assert.Equal(0, schedule.RateAt(40), 6);
    }

    [Fact]
    public void Each_message_is_due_where_the_count_reaches_its_number()
    {
        var schedule = RateSchedule.Parse("ramp:10-200:5,steady:200:3,spike:1000:1,ramp:200-0:4");

        for (long n = 0; n < schedule.Total; n += 7)
        {
            var t = schedule.TimeOf(n);
            Assert.Equal(n, schedule.CountBy(t), 6);
        }
        Assert.True(Enumerable.Range(0, 200).Select(n => schedule.TimeOf(n)).Zip(Enumerable.Range(1, 200).Select(n => schedule.TimeOf(n))).All(p => p.First < p.Second));
    }

    [Fact]
    public void A_constant_rate_is_the_steady_case()
    {
        var schedule = RateSchedule.Parse("steady:250:4");

        Assert.Equal(1000, schedule.Total);
        Assert.Equal(0.4, schedule.TimeOf(100), 9);
    }

    [Fact]
    public void A_generators_share_scales_every_stage()
    {
        var share = RateSchedule.Parse(RateSchedule.Parse("ramp:100-1000:10,spike:3000:2").Scaled(0.25).ToString());

        Assert.Equal(750, share.PeakRate);
        Assert.Equal((5500 + 6000) / 4, share.Total);
    }

    [Theory]
    [InlineData("")]
    [InlineData("steady:100")]
    [InlineData("ramp:100:10")]
    [InlineData("burst:100:10")]
    [InlineData("steady:-5:10")]
    [InlineData("steady:100:0")]
    public void A_malformed_profile_is_refused_with_an_example(string text)
    {
        var error = Assert.Throws<FormatException>(() => RateSchedule.Parse(text));
        Assert.Contains("ramp:100-1000:20", error.Message);
    }
}
