using System.Text.Json;
using System.Text.RegularExpressions;
using Engagement.Queues;

namespace Engagement.UnitTests.Contract;

/// <summary>
/// Each default has one home, its options class: the docs state that value, and silo/appsettings.json does not
/// set it again (it once said MaxFlushesInFlight 3 while the code and docs said 1).
/// </summary>
public sealed partial class DefaultsTests
{
    public static TheoryData<string, TimeSpan> Timings => new()
    {
        { "Engagement:Presence:HeartbeatInterval", new PresenceOptions().HeartbeatInterval },
        { "Engagement:Presence:ConnectionTimeout", new PresenceOptions().ConnectionTimeout },
        { "Engagement:Presence:DisconnectGrace", new PresenceOptions().DisconnectGrace },
        { "Engagement:Routing:OfferAgainAfter", new RoutingOptions().OfferAgainAfter },
        { "Engagement:Routing:ChosenRepresentativeWait", new RoutingOptions().ChosenRepresentativeWait },
    };

    [Theory]
    [MemberData(nameof(Timings))]
    public void The_protocol_states_the_default_its_options_class_holds(string key, TimeSpan value)
    {
        var row = RepositoryFiles.Read("docs/protocol.md").Split('\n').SingleOrDefault(l => l.StartsWith($"| `{key}` |", StringComparison.Ordinal));
        Assert.True(row is not null, $"docs/protocol.md has no configuration row for {key}");
        var stated = DefaultInRow().Match(row);
        Assert.True(stated.Success, $"the row for {key} states no default `hh:mm:ss`: {row}");
        Assert.Equal(value, TimeSpan.Parse(stated.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_silos_appsettings_json_sets_no_engagement_or_orleans_option()
    {
        using var settings = JsonDocument.Parse(RepositoryFiles.Read("silo/appsettings.json"));
        var sections = settings.RootElement.EnumerateObject().Select(p => p.Name).ToList();

        Assert.DoesNotContain("Engagement", sections);
        Assert.DoesNotContain("Orleans", sections);
    }

    [GeneratedRegex(@"default `([0-9.:]+)`")]
    private static partial Regex DefaultInRow();
}
