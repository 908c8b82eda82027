using System.Net;

namespace Engagement.FunctionalTests.Api;

/// <summary>The widget's settings as docs/protocol.md (Widget settings) promises them: anyone reads, admins write, audited.</summary>
[Collection(ApiCollection.Name)]
public sealed class WidgetSettingsTests(ApiFixture fixture)
{
    private readonly ApiClient _client = fixture.Client();

    [Fact]
    public async Task An_admin_saves_them_anyone_reads_them_and_the_change_is_audited()
    {
        var admin = await _client.AdminTokenAsync();
        try
        {
            var saved = await _client.OkAsync(HttpMethod.Put, "/api/widget/settings", admin, new
            {
                brandColor = "#0F766E", position = "left", greetingTitle = "  Welcome to Lumina  ", greetingText = "   ", startLabel = "Talk to us",
            });
            Assert.Equal("#0f766e", saved["brandColor"]!.GetValue<string>());
            Assert.Equal("Welcome to Lumina", saved["greetingTitle"]!.GetValue<string>());
            Assert.Null(saved["greetingText"]);

            var read = await _client.OkAsync(HttpMethod.Get, "/api/widget/settings");
            Assert.Equal(saved.ToJsonString(), read.ToJsonString());
            Assert.Equal("left", read["position"]!.GetValue<string>());
            Assert.Null(read["offlineText"]);

            var audit = await _client.OkAsync(HttpMethod.Get, "/api/audit?action=widget.configure&limit=1", admin);
            var entry = audit["entries"]![0]!;
            Assert.Equal("widget", entry["targetKind"]!.GetValue<string>());
            Assert.Equal("#0F766E", entry["summary"]!["brandColor"]!.GetValue<string>());
        }
        finally
        {
            await _client.OkAsync(HttpMethod.Put, "/api/widget/settings", admin, new { });
        }
    }

    [Fact]
    public async Task A_reader_revalidates_and_gets_304_while_nothing_changed()
    {
        using var http = new HttpClient { BaseAddress = fixture.BaseUrl };
        using var first = await http.GetAsync("/api/widget/settings");
        Assert.Equal("no-cache", first.Headers.CacheControl!.ToString());
        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/widget/settings");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task Agents_may_not_change_them_and_bad_values_name_their_field()
    {
        var admin = await _client.AdminTokenAsync();
        var (_, _, agent) = await _client.NewQueueWithAgentAsync();
        var before = (await _client.OkAsync(HttpMethod.Get, "/api/widget/settings")).ToJsonString();

        Assert.Equal(403, (await _client.SendAsync(HttpMethod.Put, "/api/widget/settings", agent, new { greetingTitle = "Hacked" })).Status);
        Assert.Equal(401, (await _client.SendAsync(HttpMethod.Put, "/api/widget/settings", null, new { greetingTitle = "Hacked" })).Status);
        foreach (var (body, field, code) in new (object, string, string)[]
        {
            (new { brandColor = "teal" }, "brandColor", "invalid"),
            (new { brandColor = "#12345" }, "brandColor", "invalid"),
            (new { position = "top" }, "position", "invalid"),
            (new { greetingTitle = new string('a', Limits.WidgetHeading + 1) }, "greetingTitle", "too_large"),
            (new { offlineText = new string('a', Limits.WidgetText + 1) }, "offlineText", "too_large"),
        })
        {
            var (status, problem) = await _client.SendAsync(HttpMethod.Put, "/api/widget/settings", admin, body);
            Assert.Equal(400, status);
            Assert.Equal(code, problem!["code"]!.GetValue<string>());
            Assert.NotNull(problem["errors"]![field]);
        }
        Assert.Equal(before, (await _client.OkAsync(HttpMethod.Get, "/api/widget/settings")).ToJsonString());
    }
}
