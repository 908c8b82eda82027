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
            var stated = rows[$"{WebhookOptions.Section}:{option.Name}"];
            var value = option.GetValue(defaults);
            var same = value switch
            {
                TimeSpan t => TimeSpan.TryParse(stated, CultureInfo.InvariantCulture, out var s) && s == t,
                bool b => stated == (b ? "true" : "false"),
                IFormattable f => stated == f.ToString(null, CultureInfo.InvariantCulture),
                _ => false,
            };
            Assert.True(same, $"{option.Name}: the docs say {stated}, the code {value}");
        }
    }

    [GeneratedRegex("^`([^`]*)`$")]
    private static partial Regex DefaultCell();
}
