namespace Engagement.FunctionalTests.Api;

/// <summary>A queue's SLA policy through REST (docs/protocol.md, SLA policy): stored with its bands in order, and bad policies refused clearly.</summary>
[Collection(ApiCollection.Name)]
public sealed class SlaPolicyTests(ApiFixture fixture)
{
    private readonly ApiClient _client = fixture.Client();

    [Fact]
    public async Task A_queue_keeps_its_sla_with_the_bands_in_order()
    {
        var admin = await _client.AdminTokenAsync();
        var (queueId, _, _) = await _client.NewQueueWithAgentAsync();
        var sla = new
        {
            firstResponse = "00:02:00", nextResponse = "00:05:00", resolution = "1.00:00:00",
            bands = new object[] { new { minPriority = 500, firstResponse = "00:00:30" }, new { minPriority = 100, resolution = "04:00:00" } },
        };
        var stored = await _client.OkAsync(HttpMethod.Put, $"/api/queues/{queueId}", admin, new { name = "Support", skills = new[] { "chat" }, sla });
        Assert.Equal("00:02:00", stored["sla"]!["firstResponse"]!.GetValue<string>());
        Assert.Equal("1.00:00:00", stored["sla"]!["resolution"]!.GetValue<string>());
        Assert.Equal([100, 500], stored["sla"]!["bands"]!.AsArray().Select(b => b!["minPriority"]!.GetValue<int>()));
        Assert.False(stored["sla"]!["businessHoursOnly"]!.GetValue<bool>());

        var cleared = await _client.OkAsync(HttpMethod.Put, $"/api/queues/{queueId}", admin, new { name = "Support", skills = new[] { "chat" } });
        Assert.Null(cleared["sla"]);
    }

    [Fact]
    public async Task Bad_policies_get_a_clear_error_naming_the_sla()
    {
        var admin = await _client.AdminTokenAsync();
        var (queueId, _, _) = await _client.NewQueueWithAgentAsync();
        async Task AssertRefusedAsync(object sla, string code, object? hours = null)
        {
            var (status, json) = await _client.SendAsync(HttpMethod.Put, $"/api/queues/{queueId}", admin, new { name = "Q", skills = new[] { "chat" }, sla, hours });
            Assert.True(status == 400, $"answered {status}: {json?.ToJsonString()}");
            Assert.Equal(code, json!["code"]!.GetValue<string>());
            Assert.Contains("sla", json["errors"]!.AsObject().Select(e => e.Key));
        }
        await AssertRefusedAsync(new { }, "invalid");                                              // no target at all
        await AssertRefusedAsync(new { firstResponse = "00:00:00.500" }, "invalid");               // under a second
        await AssertRefusedAsync(new { resolution = "31.00:00:00" }, "invalid");                   // over 30 days
        await AssertRefusedAsync(new { firstResponse = "00:01:00", businessHoursOnly = true }, "invalid"); // a queue without hours
        await AssertRefusedAsync(new { firstResponse = "00:01:00", bands = new[] { new { minPriority = 5 } } }, "invalid");
        await AssertRefusedAsync(new { firstResponse = "00:01:00", bands = new[] { new { minPriority = 1001, firstResponse = "00:00:10" } } }, "invalid");
        await AssertRefusedAsync(new
        {
            firstResponse = "00:01:00",
            bands = Enumerable.Range(0, Limits.SlaBands + 1).Select(i => new { minPriority = i, firstResponse = "00:00:10" }).ToArray(),
        }, "too_large");

        var hours = new { timeZone = "UTC", weekly = new[] { new { day = "monday", opens = "09:00:00", closes = "17:00:00" } }, holidays = Array.Empty<string>() };
        var (ok, body) = await _client.SendAsync(HttpMethod.Put, $"/api/queues/{queueId}", admin,
            new { name = "Q", skills = new[] { "chat" }, hours, sla = new { firstResponse = "00:01:00", businessHoursOnly = true } });
        Assert.True(ok == 200, $"answered {ok}: {body?.ToJsonString()}");
    }
}
