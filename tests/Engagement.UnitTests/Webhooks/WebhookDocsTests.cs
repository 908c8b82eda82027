using System.Globalization;
using System.Text.RegularExpressions;
using Engagement.UnitTests.Contract;
using Engagement.Webhooks;

namespace Engagement.UnitTests.Webhooks;

/// <summary>docs/webhooks.md lists every event type, and every option with the default its options class holds.</summary>
public sealed partial class WebhookDocsTests
{
    private static readonly string Docs = RepositoryFiles.Read("docs/webhooks.md");

    [Fact]
    public void Every_event_type_is_described()
    {
        var documented = RepositoryFiles.TableAfter(Docs, "## Event types").Select(row => row[0].Trim('`')).ToList();
        Assert.Equal([.. WebhookEventTypes.Subscribable, WebhookEventTypes.Ping], documented);
    }

    [Fact]
    public void Every_option_is_listed_with_its_default()
    {
        var rows = RepositoryFiles.TableAfter(Docs, "## Configuration")
            .ToDictionary(row => row[0].Trim('`'), row => DefaultCell().Match(row[1]).Groups[1].Value);
        var defaults = new WebhookOptions();
        var options = typeof(WebhookOptions).GetProperties().Where(p => p.CanWrite).ToList();

        Assert.Equal(options.Select(p => $"{WebhookOptions.Section}:{p.Name}").Order(), rows.Keys.Order());
        foreach (var option in options)
        {
            var expected = option.GetValue(defaults) switch
            {
                TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
                bool b => b ? "true" : "false",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var other => other?.ToString(),
            };
            Assert.True(expected == rows[$"{WebhookOptions.Section}:{option.Name}"], $"{option.Name}: the docs say {rows[$"{WebhookOptions.Section}:{option.Name}"]}, the code {expected}");
        }
    }

    [GeneratedRegex("^`([^`]*)`$")]
    private static partial Regex DefaultCell();
}
