using Engagement.LoadTests.Generators;

namespace Engagement.UnitTests.LoadTool;

/// <summary>How <c>--generators N</c> shares one run's load among its child processes.</summary>
public class GeneratorSharesTests
{
    private static readonly string[] Typed =
        ["--url", "http://127.0.0.1:5190/relay", "--rate", "5000", "--pairs", "500", "--generators", "3", "--server-pid", "11", "22",
         "--report", "out/relay.json", "--summary-file", "out/s.json", "--duration", "30"];

    private static string[] Child(int i) => GeneratorShares.For("relay", Typed,
        new Dictionary<string, double> { ["--rate"] = 5000 }, new Dictionary<string, int> { ["--pairs"] = 500 }, null, 3, i, $"g{i}.json", $"g{i}.summary.json");

    private static string Value(string[] args, string option) => args[Array.IndexOf(args, option) + 1];

    [Fact]
    public void Rates_are_divided_and_connections_split_with_nothing_lost_to_rounding()
    {
        var children = Enumerable.Range(0, 3).Select(Child).ToArray();

        Assert.All(children, c => Assert.Equal("1666.667", Value(c, "--rate")));
        Assert.Equal(500, children.Sum(c => int.Parse(Value(c, "--pairs"), System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(children, c => Assert.Single(c, a => a == "--pairs"));
    }

    [Fact]
    public void Each_child_writes_its_own_report_and_only_the_first_shows_progress()
    {
        var first = Child(0);
        var second = Child(1);

        Assert.Equal("relay", first[0]);
        Assert.Equal(("g0.json", "g0.summary.json", "Plain"), (Value(first, "--report"), Value(first, "--summary-file"), Value(first, "--progress")));
        Assert.Equal("Off", Value(second, "--progress"));
        Assert.DoesNotContain("--generators", first);
        Assert.DoesNotContain("out/relay.json", first);
    }

    [Fact]
    public void Options_the_user_typed_are_kept_with_all_their_values()
    {
        var child = Child(2);

        Assert.Equal(["11", "22"], child.SkipWhile(a => a != "--server-pid").Skip(1).Take(2));
        Assert.Equal("30", Value(child, "--duration"));
        Assert.Equal("http://127.0.0.1:5190/relay", Value(child, "--url"));
    }

    [Fact]
    public void A_rate_profile_is_scaled_to_the_share()
    {
        var child = GeneratorShares.For("chat", [], new Dictionary<string, double> { ["--rate"] = 0 }, new Dictionary<string, int>(),
            "steady:300:10", 3, 0, "r.json", "s.json");

        Assert.Equal("steady:100:10", Value(child, "--schedule"));
    }
}
