using System.Text.Json;
using Engagement.FunctionalTests.Api;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.FunctionalTests.Contract;

/// <summary>
/// Every failed hub call answers a documented code and keeps the connection (docs/protocol.md, Errors and Limits):
/// arguments of the wrong type or number, unknown enum names, unknown methods, values over their limit. A frame
/// over the hub's frame limit closes the connection, saying too_large.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class HubErrorCodeTests(ApiFixture fixture)
{
    private readonly ApiClient _client = fixture.Client();

    [Theory]
    [InlineData("sleeping")]
    [InlineData("offline")]
    [InlineData("busy")]
    [InlineData("1")]
    public async Task SetStatus_refuses_an_unknown_status_name_with_invalid(string status)
    {
        await using var scene = await Scene.StartAsync(_client);

        var message = await HubErrors.ExpectAsync(scene.Agent, "invalid", "SetStatus", status);

        Assert.Equal("""status must be one of "available", "away".""", message);
        Assert.Equal("available", (await scene.Agent.InvokeAsync<JsonElement>("GetStatus")).GetProperty("chosen").GetString());
    }

    [Fact]
    public async Task SetStatus_refuses_numbers_and_other_json_types()
    {
        await using var scene = await Scene.StartAsync(_client);

        await HubErrors.ExpectAsync(scene.Agent, "invalid", "SetStatus", 1);
        await HubErrors.ExpectAsync(scene.Agent, "invalid", "SetStatus", true);
        await HubErrors.ExpectAsync(scene.Agent, "invalid", "SetStatus", ApiClient.Json(new { status = "away" }));
        Assert.Equal("away", (await scene.Agent.InvokeAsync<JsonElement>("SetStatus", "Away")).GetProperty("chosen").GetString());
    }

    [Fact]
    public async Task An_unknown_method_answers_unknown_method()
    {
        await using var scene = await Scene.StartAsync(_client);
        var (_, token) = await _client.NewVisitorAsync();
        var (visitor, _) = await scene.Connect("visitor", token);

        var message = await HubErrors.ExpectAsync(visitor, "unknown_method", "NoSuchMethod", "x");
        Assert.Contains("'NoSuchMethod'", message);
        await HubErrors.ExpectAsync(visitor, "unknown_method", "SetStatus", "away"); // an agent hub method
        await HubErrors.ExpectAsync(scene.Agent, "unknown_method", "WaitForAnyAgent", "s_x"); // a visitor hub method
    }

    [Fact]
    public async Task Arguments_of_the_wrong_type_or_number_answer_invalid_naming_the_argument()
    {
        await using var scene = await Scene.StartAsync(_client);
        var (sessionId, visitor, _, _) = await scene.ActiveAsync();

        Assert.Equal("afterSeq must be a whole number.", await HubErrors.ExpectAsync(visitor, "invalid", "JoinSession", sessionId, "zero"));
        Assert.Equal("sessionId must be a string.", await HubErrors.ExpectAsync(visitor, "invalid", "JoinSession", 42, 0));
        Assert.Equal("isTyping must be true or false.", await HubErrors.ExpectAsync(visitor, "invalid", "Typing", sessionId, "yes"));
        Assert.Equal("media must be one of \"audio\", \"video\".", await HubErrors.ExpectAsync(visitor, "invalid", "StartCall", sessionId, "hologram"));
        Assert.Contains("request.topic", await HubErrors.ExpectAsync(visitor, "invalid", "StartSession", ApiClient.Json(new { queueId = scene.QueueId, topic = 5 })));
        Assert.StartsWith("SendMessage takes 3 argument(s) (sessionId, clientMessageId, text); 2 were sent",
            await HubErrors.ExpectAsync(visitor, "invalid", "SendMessage", sessionId, "hello"));

        var ack = await visitor.InvokeAsync<JsonElement>("SendMessage", sessionId, null, "still here");
        Assert.Equal(ack.GetProperty("seq").GetInt64(), (await visitor.InvokeAsync<JsonElement>("JoinSession", sessionId, 0L)).GetProperty("upToSeq").GetInt64());
    }

    [Fact]
    public async Task A_value_over_its_limit_answers_too_large_and_the_connection_stays()
    {
        await using var scene = await Scene.StartAsync(_client);
        var (sessionId, visitor, _, _) = await scene.ActiveAsync();

        Assert.Equal("text is longer than 4000 characters.", await HubErrors.ExpectAsync(visitor, "too_large", "SendMessage", sessionId, null, new string('x', Limits.MessageText + 1)));
        // Counted in UTF-16 code units: 2,000 emoji are 4,000 units and fit; one more does not.
        var emoji = string.Concat(Enumerable.Repeat("😀", Limits.MessageText / 2));
        await visitor.InvokeAsync<JsonElement>("SendMessage", sessionId, null, emoji);
        await HubErrors.ExpectAsync(visitor, "too_large", "SendMessage", sessionId, null, emoji + "😀");
        // Far over the text limit, still under the frame limit: the same answer.
        await HubErrors.ExpectAsync(visitor, "too_large", "SendMessage", sessionId, null, new string('x', Limits.HubFrameBytes - 1_000));
        await HubErrors.ExpectAsync(visitor, "too_large", "JoinSession", new string('s', Limits.Id + 1), 0);
        await HubErrors.ExpectAsync(visitor, "too_large", "SetAttributes", ApiClient.Json(Enumerable.Range(0, Limits.Attributes + 1).ToDictionary(i => $"k{i}", _ => "v")));

        var transcript = await visitor.InvokeAsync<JsonElement>("GetTranscript", sessionId, 0L, 200);
        var typed = Assert.Single(transcript.EnumerateArray(), m => m.GetProperty("kind").GetString() == "text"); // nothing else was stored
        Assert.Equal(emoji, typed.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_frame_over_the_frame_limit_closes_the_connection_saying_too_large()
    {
        await using var scene = await Scene.StartAsync(_client);
        var (sessionId, visitor, _, _) = await scene.ActiveAsync();
        var closed = new TaskCompletionSource<Exception?>();
        visitor.Closed += error => { closed.TrySetResult(error); return Task.CompletedTask; };

        _ = visitor.InvokeCoreAsync<object?>("SendMessage", [sessionId, null, new string('x', Limits.HubFrameBytes)]).ContinueWith(_ => { });

        var error = await closed.Task.WaitAsync(EventRecorder.Patience);
        var (code, message) = HubErrors.Of(error!.Message);
        Assert.Equal("too_large", code);
        Assert.Contains("524,288 bytes", message);
    }
}
