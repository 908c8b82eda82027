using Engagement.ProtocolTs;

namespace Engagement.UnitTests.Contract;

/// <summary>
/// The protocol is kept once, in the C# contracts: <see cref="ClientEvent"/>'s factories fix each event's payload,
/// web/src/shared/protocol.ts is generated from them, and docs/protocol.md's event table names the same events with
/// the same payloads. These fail when the three disagree.
/// </summary>
public sealed class ProtocolTypesTests
{
    private const string ProtocolTs = "web/src/shared/protocol.ts";

    [Fact]
    public void The_committed_protocol_ts_is_generated_from_the_contracts()
    {
        var committed = RepositoryFiles.Read(ProtocolTs);
        var generated = TypeScriptProtocol.Generate();
        Assert.True(committed == generated,
            $"{ProtocolTs} differs from the C# contracts; run ./engage protocol and commit the result. First difference at line {FirstDifference(committed, generated)}.");
    }

    [Fact]
    public void Every_event_name_has_exactly_one_factory()
    {
        var names = typeof(ClientEvents).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).Order().ToList();
        var made = ProtocolCatalog.Events.Select(e => e.Name).Order().ToList();
        Assert.Equal(names, made);
    }

    [Fact]
    public void The_docs_event_table_lists_every_event_with_its_payload()
    {
        var table = RepositoryFiles.TableAfter(RepositoryFiles.Read("docs/protocol.md"), "## Events")
            .ToDictionary(row => row[0].Trim('`'), row => row[2].Trim('`'));
        var expected = ProtocolCatalog.Events.ToDictionary(e => e.Name, e => PayloadName(e.Payload));

        var missing = expected.Where(e => !table.ContainsKey(e.Key)).Select(e => e.Key).ToList();
        var unknown = table.Keys.Where(k => !expected.ContainsKey(k)).ToList();
        var wrong = expected.Where(e => table.TryGetValue(e.Key, out var documented) && documented != e.Value)
            .Select(e => $"{e.Key}: the docs say {table[e.Key]}, ClientEvent sends {e.Value}").ToList();
        Assert.True(missing.Count == 0, $"events missing from docs/protocol.md, Events: {string.Join(", ", missing)}");
        Assert.True(unknown.Count == 0, $"docs/protocol.md, Events, lists events the server never sends: {string.Join(", ", unknown)}");
        Assert.True(wrong.Count == 0, string.Join("; ", wrong));
    }

    private static string PayloadName(Type type) => type.IsArray ? PayloadName(type.GetElementType()!) + "[]" : type.Name;

    private static int FirstDifference(string a, string b)
    {
        var (left, right) = (a.Split('\n'), b.Split('\n'));
        var line = 0;
        while (line < left.Length && line < right.Length && left[line] == right[line]) line++;
        return line + 1;
    }
}
