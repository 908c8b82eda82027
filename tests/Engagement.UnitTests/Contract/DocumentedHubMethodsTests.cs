using System.Text.RegularExpressions;
using Engagement.Api.Hubs;
using Engagement.Api.Hubs.Protocol;

namespace Engagement.UnitTests.Contract;

/// <summary>
/// The hub method tables of docs/protocol.md list exactly the methods each hub has, with their arguments by name
/// and in order: a client written from the page calls nothing that answers unknown_method.
/// </summary>
public sealed partial class DocumentedHubMethodsTests
{
    [Theory]
    [InlineData("visitor")]
    [InlineData("agent")]
    public void Each_hub_has_exactly_the_documented_methods_and_arguments(string hub)
    {
        var documented = Documented()[hub];
        var actual = HubMethods.Of(hub == "visitor" ? typeof(VisitorHub) : typeof(AgentHub))
            .ToDictionary(m => m.Name, m => string.Join(", ", m.Parameters.Select(p => p.Name)));

        Assert.Equal(actual.Keys.Order(), documented.Keys.Order());
        foreach (var (method, arguments) in documented)
            Assert.True(actual[method] == arguments, $"{hub} hub {method}: documented ({arguments}), the hub takes ({actual[method]})");
    }

    /// <summary>Per hub, each method in a "| method | arguments |" table and the argument names its row gives.</summary>
    private static Dictionary<string, Dictionary<string, string>> Documented()
    {
        var result = new Dictionary<string, Dictionary<string, string>> { ["visitor"] = [], ["agent"] = [] };
        string[] hubs = [];
        var inTable = false;
        foreach (var line in RepositoryFiles.Read("docs/protocol.md").Split('\n'))
        {
            if (line.StartsWith('#'))
            {
                hubs = line.Contains("Visitor hub") ? ["visitor"] : line.Contains("Agent hub") ? ["agent"] : line.StartsWith("## Calls") ? ["visitor", "agent"] : [];
                inTable = false;
            }
            else if (line.StartsWith("| method | arguments |")) inTable = hubs.Length > 0;
            else if (!line.StartsWith('|')) inTable = false;
            else if (inTable && MethodCell().Match(line) is { Success: true } row)
            {
                var arguments = string.Join(", ", Argument().Matches(row.Groups[2].Value).Select(m => m.Groups[1].Value));
                foreach (var hub in hubs) result[hub][row.Groups[1].Value] = arguments;
            }
        }
        return result;
    }

    [GeneratedRegex(@"^\| `(\w+)` \| ([^|]*(?:\\\|[^|]*)*) \|")]
    private static partial Regex MethodCell();

    [GeneratedRegex(@"`([a-z][A-Za-z]*)`")]
    private static partial Regex Argument();
}
