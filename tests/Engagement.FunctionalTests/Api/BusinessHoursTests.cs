using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.FunctionalTests.Api;

/// <summary>
/// A queue's business hours (docs/protocol.md, Business hours): out of hours the directory says the queue is closed
/// and when it opens, a chat cannot start, and a message can still be left.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class BusinessHoursTests(ApiFixture fixture)
{
    private readonly ApiClient _client = fixture.Client();

    [Fact]
    public async Task Out_of_hours_the_directory_shows_the_queue_closed_a_chat_is_refused_and_a_message_is_taken()
    {
        var admin = await _client.AdminTokenAsync();
        var (queueId, _, _) = await _client.NewQueueWithAgentAsync();
        var tomorrow = DateTimeOffset.UtcNow.Date.AddDays(1);
        var hours = new { timeZone = "UTC", weekly = new[] { new { day = tomorrow.DayOfWeek.ToString().ToLowerInvariant(), opens = "00:00:00", closes = "00:00:00" } }, holidays = Array.Empty<string>() };
        await _client.OkAsync(HttpMethod.Put, $"/api/queues/{queueId}", admin, new { name = "After hours", skills = new[] { "chat" }, hours });

        var (_, visitorToken) = await _client.NewVisitorAsync();
        var (visitor, _) = await _client.ConnectAsync("visitor", visitorToken);
        var directory = await visitor.InvokeAsync<JsonElement>("WatchDirectory");
        var queue = directory.GetProperty("queues").EnumerateArray().Single(q => q.GetProperty("queueId").GetString() == queueId);
        Assert.False(queue.GetProperty("open").GetBoolean());
        Assert.Equal(new DateTimeOffset(tomorrow, TimeSpan.Zero), queue.GetProperty("opensAt").GetDateTimeOffset());

        var refused = await Assert.ThrowsAsync<HubException>(() => visitor.InvokeAsync<JsonElement>("StartSession", ApiClient.Json(new { queueId })));
        Assert.Contains("conflict", refused.Message);
        Assert.Contains("closed", refused.Message);
        var left = await visitor.InvokeAsync<JsonElement>("LeaveMessage", ApiClient.Json(new { queueId, email = "late@example.com", text = "Call me tomorrow" }));
        Assert.Equal("open", left.GetProperty("conversation").GetProperty("status").GetString());

        // Hours removed: the queue is open again, and watchers are told (listening before the change, so the event cannot come first).
        var directoryEvents = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = visitor.On<JsonElement>("directoryPresence", change =>
        {
            foreach (var q in change.GetProperty("queues").EnumerateArray())
                if (q.GetProperty("queueId").GetString() == queueId && q.GetProperty("open").GetBoolean()) directoryEvents.TrySetResult(q.Clone());
        });
        await _client.OkAsync(HttpMethod.Put, $"/api/queues/{queueId}", admin, new { name = "After hours", skills = new[] { "chat" } });
        var reopened = await directoryEvents.Task.WaitAsync(EventRecorder.Patience);
        Assert.Equal(JsonValueKind.Null, reopened.GetProperty("opensAt").ValueKind);
        await visitor.DisposeAsync();
    }

    [Fact]
    public async Task Bad_hours_get_a_clear_error()
    {
        var admin = await _client.AdminTokenAsync();
        var (queueId, _, _) = await _client.NewQueueWithAgentAsync();
        async Task AssertInvalidAsync(object hours, string code)
        {
            var (status, json) = await _client.SendAsync(HttpMethod.Put, $"/api/queues/{queueId}", admin, new { name = "Q", skills = new[] { "chat" }, hours });
            Assert.True(status == 400, $"answered {status}: {json?.ToJsonString()}");
            Assert.Equal(code, json!["code"]!.GetValue<string>());
        }
        await AssertInvalidAsync(new { timeZone = "Mars/Olympus", weekly = Array.Empty<object>(), holidays = Array.Empty<string>() }, "invalid");
        await AssertInvalidAsync(new { timeZone = "UTC", weekly = new[] { new { day = "monday", opens = "17:00:00", closes = "09:00:00" } }, holidays = Array.Empty<string>() }, "invalid");
        await AssertInvalidAsync(new
        {
            timeZone = "UTC",
            weekly = Enumerable.Range(0, Limits.OpeningSpans + 1).Select(i => new { day = "monday", opens = "09:00:00", closes = "10:00:00" }).ToArray(),
            holidays = Array.Empty<string>(),
        }, "too_large");
    }
}
