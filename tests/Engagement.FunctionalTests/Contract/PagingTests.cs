using System.Text.Json;
using Engagement.FunctionalTests.Api;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.FunctionalTests.Contract;

/// <summary>
/// docs/protocol.md, Resume rule: a join reply carries at most 500 messages and says hasMore; the client pages the
/// rest with GetTranscript from the highest seq it holds up to upToSeq, and pages neither overlap nor leave gaps.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class PagingTests(ApiFixture fixture)
{
    private readonly ApiClient _client = fixture.Client();

    [Fact]
    public async Task A_join_reply_carries_at_most_a_page_and_GetTranscript_pages_the_rest_without_overlap()
    {
        await using var scene = await Scene.StartAsync(_client);
        var (sessionId, visitor, _, token) = await scene.OfferedAsync();
        var sent = Limits.JoinPage + Limits.TranscriptPage + 7; // more than a join page and a transcript page
        for (var batch = 0; batch < sent; batch += 50)
        {
            var count = Math.Min(50, sent - batch);
            await Task.WhenAll(Enumerable.Range(batch, count).Select(i => visitor.InvokeAsync<JsonElement>("SendMessage", sessionId, $"m-{i}", $"message {i}")));
        }

        var accepted = await scene.Agent.InvokeAsync<JsonElement>("AcceptOffer", sessionId);
        var (again, _) = await scene.Connect("visitor", token);
        var joined = await again.InvokeAsync<JsonElement>("JoinSession", sessionId, 0L);

        foreach (var (reply, connection) in new[] { (accepted, scene.Agent), (joined, again) })
        {
            var missed = reply.GetProperty("missed").EnumerateArray().Select(m => m.GetProperty("seq").GetInt64()).ToList();
            Assert.Equal(Enumerable.Range(1, Limits.JoinPage).Select(i => (long)i), missed);
            Assert.True(reply.GetProperty("hasMore").GetBoolean());
            var upTo = reply.GetProperty("upToSeq").GetInt64();
            Assert.Equal(sent + 1, upTo); // every message and the agent's join line

            var held = new List<long>(missed);
            while (held[^1] < upTo)
            {
                var page = await connection.InvokeAsync<JsonElement>("GetTranscript", sessionId, held[^1], Limits.TranscriptPage);
                var seqs = page.EnumerateArray().Select(m => m.GetProperty("seq").GetInt64()).ToList();
                Assert.InRange(seqs.Count, 1, Limits.TranscriptPage);
                Assert.Equal(held[^1] + 1, seqs[0]); // each page starts right after the last seq held: no overlap, no gap
                held.AddRange(seqs);
            }
            Assert.Equal(Enumerable.Range(1, (int)upTo).Select(i => (long)i), held);
        }
        Assert.Equal(HubConnectionState.Connected, again.State);
    }
}
