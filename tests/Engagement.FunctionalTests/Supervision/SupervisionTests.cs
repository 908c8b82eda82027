using System.Text.Json;
using Engagement.FunctionalTests.Api;
using Engagement.FunctionalTests.Contract;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.FunctionalTests.Supervision;

/// <summary>
/// docs/protocol.md, "Agent hub: supervision": a supervisor monitors and whispers unseen (the visitor gets nothing,
/// live or in any read), barges in visibly, stops; each step is a staff-only line and an audit entry; agents may not.
/// Absence is checked without waiting on time: the visitor receives messages in seq order, so once a later message
/// has arrived, every earlier one it was meant to have has too.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SupervisionTests(ApiFixture fixture)
{
    private readonly ApiClient _client = fixture.Client();

    [Fact]
    public async Task Monitoring_and_whispers_reach_the_agent_and_never_the_visitor()
    {
        await using var scene = await Scene.StartAsync(_client);
        var (sessionId, visitor, visitorEvents, visitorToken) = await scene.ActiveAsync();
        var (supervisorId, name, supervisor, _) = await SupervisorAsync(scene);

        var joined = await supervisor.InvokeAsync<JsonElement>("Monitor", sessionId);
        Assert.Equal("monitor", joined.GetProperty("session").GetProperty("supervisors")[0].GetProperty("mode").GetString());
        var monitoring = await scene.AgentEvents.NextAsync("message", m => Kind(m) == "staffEvent");
        Assert.Equal($"{name} started monitoring.", monitoring.GetProperty("text").GetString());
        await scene.AgentEvents.NextAsync("session", s => Supervisors(s).Any(x => x.GetProperty("agentId").GetString() == supervisorId));

        var ack = await supervisor.InvokeAsync<JsonElement>("Whisper", sessionId, "w-1", "Offer the 10% discount.");
        Assert.Equal("whisper", Kind(ack.GetProperty("message")));
        var again = await supervisor.InvokeAsync<JsonElement>("Whisper", sessionId, "w-1", "Offer the 10% discount.");
        Assert.True(again.GetProperty("duplicate").GetBoolean());
        Assert.Equal(ack.GetProperty("seq").GetInt64(), again.GetProperty("seq").GetInt64());
        var whisper = await scene.AgentEvents.NextAsync("message", m => Kind(m) == "whisper");
        Assert.Equal("Offer the 10% discount.", whisper.GetProperty("text").GetString());
        Assert.Equal(supervisorId, whisper.GetProperty("senderId").GetString());

        // Unseen: no typing, no writing.
        Assert.Equal("forbidden", (await HubErrors.FailAsync(supervisor, "Typing", sessionId, true)).Code);
        Assert.Equal("forbidden", (await HubErrors.FailAsync(supervisor, "SendMessage", sessionId, "s-1", "Hello")).Code);

        var reply = await scene.Agent.InvokeAsync<JsonElement>("SendMessage", sessionId, "a-1", "Here is 10% off.");
        var received = new List<JsonElement>(); // every message event the visitor got, up to the reply
        var seen = await visitorEvents.NextAsync("message", m => { received.Add(m); return m.GetProperty("text").GetString() == "Here is 10% off."; });
        AssertNothingStaffOnly(received);
        Assert.DoesNotContain(visitorEvents.Drain("session"), s => Supervisors(s).Any() || Mentions(s, supervisorId));

        // History: every way a visitor reads the chat.
        var rejoined = await visitor.InvokeAsync<JsonElement>("JoinSession", sessionId, 0);
        AssertNothingStaffOnly(rejoined.GetProperty("missed").EnumerateArray());
        Assert.True(rejoined.GetProperty("upToSeq").GetInt64() >= reply.GetProperty("seq").GetInt64());
        Assert.Equal(JsonValueKind.Null, rejoined.GetProperty("session").GetProperty("supervisors").ValueKind);
        AssertNothingStaffOnly((await visitor.InvokeAsync<JsonElement>("GetTranscript", sessionId, 0, 100)).EnumerateArray());
        var rest = await _client.OkAsync(HttpMethod.Get, $"/api/sessions/{sessionId}/transcript?afterSeq=0&limit=100", visitorToken);
        Assert.DoesNotContain(rest.AsArray(), m => m!["kind"]!.GetValue<string>() is "whisper" or "staffEvent");
        foreach (var conversation in (await visitor.InvokeAsync<JsonElement>("GetConversations")).EnumerateArray())
        {
            var thread = await visitor.InvokeAsync<JsonElement>("GetConversation", conversation.GetProperty("conversationId").GetString());
            AssertNothingStaffOnly(thread.GetProperty("messages").EnumerateArray());
        }

        // Staff read all of it.
        var staffHistory = (await scene.Agent.InvokeAsync<JsonElement>("GetTranscript", sessionId, 0, 100)).EnumerateArray().ToList();
        Assert.Contains(staffHistory, m => Kind(m) == "whisper" && m.GetProperty("text").GetString() == "Offer the 10% discount.");
        // The visitor's seqs skip the staff-only entries; precededBy chains what it receives (docs/protocol.md, Resume rule).
        var seq = seen.GetProperty("seq").GetInt64();
        var previous = staffHistory.Where(m => Kind(m) is not ("whisper" or "staffEvent") && m.GetProperty("seq").GetInt64() < seq).Max(m => m.GetProperty("seq").GetInt64());
        Assert.Equal(previous, seen.GetProperty("precededBy").GetInt64());
        Assert.True(seq > previous + 1);
        Assert.Contains(staffHistory, m => Kind(m) == "staffEvent" && m.GetProperty("text").GetString() == $"{name} started whispering to {AgentName(staffHistory)}.");

        var audit = await AuditAsync(supervisorId);
        Assert.Contains(audit, e => e.Action == "session.monitor" && e.TargetId == sessionId);
        Assert.Contains(audit, e => e.Action == "session.whisper" && e.TargetId == sessionId);
    }

    [Fact]
    public async Task A_barge_is_seen_by_the_visitor_and_stopping_leaves_the_conversation()
    {
        await using var scene = await Scene.StartAsync(_client);
        var (sessionId, _, visitorEvents, _) = await scene.ActiveAsync();
        var (supervisorId, name, supervisor, _) = await SupervisorAsync(scene);
        await supervisor.InvokeAsync<JsonElement>("Monitor", sessionId);

        var barged = await supervisor.InvokeAsync<JsonElement>("Barge", sessionId);
        Assert.Contains(barged.GetProperty("participants").EnumerateArray(), p => p.GetProperty("id").GetString() == supervisorId);
        var received = new List<JsonElement>(); // every message event the visitor gets from here on
        await visitorEvents.NextAsync("message", m => { received.Add(m); return m.GetProperty("text").GetString() == $"{name} (supervisor) joined the conversation."; });
        var visitorView = await visitorEvents.NextAsync("session", s => Mentions(s, supervisorId));
        Assert.Equal(JsonValueKind.Null, visitorView.GetProperty("supervisors").ValueKind);

        await supervisor.InvokeAsync<JsonElement>("SendMessage", sessionId, "s-1", "Hi, I am Alice's supervisor.");
        var said = await visitorEvents.NextAsync("message", m => { received.Add(m); return m.GetProperty("senderId").GetString() == supervisorId; });
        Assert.Equal("text", Kind(said));
        await supervisor.InvokeAsync("Typing", sessionId, true);
        Assert.Equal("conflict", (await HubErrors.FailAsync(supervisor, "Monitor", sessionId)).Code);

        await supervisor.InvokeAsync<JsonElement>("StopSupervising", sessionId);
        await visitorEvents.NextAsync("message", m => { received.Add(m); return m.GetProperty("text").GetString() == $"{name} (supervisor) left the conversation."; });
        AssertNothingStaffOnly(received);
        Assert.Equal("forbidden", (await HubErrors.FailAsync(supervisor, "SendMessage", sessionId, "s-2", "Still here?")).Code);

        var staffHistory = (await scene.Agent.InvokeAsync<JsonElement>("GetTranscript", sessionId, 0, 100)).EnumerateArray().ToList();
        Assert.Equal([$"{name} started monitoring.", $"{name} barged in.", $"{name} stopped supervising."],
            staffHistory.Where(m => Kind(m) == "staffEvent").Select(m => m.GetProperty("text").GetString()));
        var audit = await AuditAsync(supervisorId);
        Assert.Equal(["session.stop_supervising", "session.barge", "session.monitor"], audit.Where(e => e.TargetId == sessionId).Select(e => e.Action));
    }

    [Fact]
    public async Task Agents_may_not_supervise_not_even_their_own_session()
    {
        await using var scene = await Scene.StartAsync(_client);
        var (sessionId, _, _, _) = await scene.ActiveAsync();
        foreach (var (method, args) in new (string, object?[])[]
                 {
                     ("Monitor", [sessionId]), ("Whisper", [sessionId, null, "psst"]), ("Barge", [sessionId]),
                     ("StopSupervising", [sessionId]), ("WhisperAudio", [sessionId, true]),
                 })
            Assert.Equal("forbidden", (await HubErrors.FailAsync(scene.Agent, method, args)).Code);
        var history = await scene.Agent.InvokeAsync<JsonElement>("GetTranscript", sessionId, 0, 100);
        Assert.DoesNotContain(history.EnumerateArray(), m => Kind(m) is "whisper" or "staffEvent");
    }

    private static void AssertNothingStaffOnly(IEnumerable<JsonElement> messages) =>
        Assert.DoesNotContain(messages, m => Kind(m) is "whisper" or "staffEvent" || m.GetProperty("text").GetString()!.Contains("monitor", StringComparison.Ordinal));

    private static string? Kind(JsonElement message) => message.GetProperty("kind").GetString();

    private static IEnumerable<JsonElement> Supervisors(JsonElement session) =>
        session.GetProperty("supervisors") is { ValueKind: JsonValueKind.Array } list ? list.EnumerateArray() : [];

    private static bool Mentions(JsonElement session, string id) =>
        session.GetProperty("participants").EnumerateArray().Any(p => p.GetProperty("id").GetString() == id);

    private static string AgentName(List<JsonElement> history) =>
        history.First(m => m.GetProperty("senderRole").GetString() == "agent" && Kind(m) == "text").GetProperty("senderName").GetString()!;

    /// <summary>A new supervisor in no queue, connected to the agent hub.</summary>
    private async Task<(string Id, string Name, HubConnection Connection, EventRecorder Events)> SupervisorAsync(Scene scene)
    {
        var admin = await _client.AdminTokenAsync();
        var email = $"sup-{Guid.NewGuid():N}@engagement.test";
        var name = $"Sam {Guid.NewGuid():N}"[..12];
        var created = await _client.OkAsync(HttpMethod.Post, "/api/agents", admin, new { displayName = name, email, role = "supervisor", password = "staff-test-password" });
        var token = await _client.LoginAsync(email, "staff-test-password");
        var (connection, events) = await scene.Connect("agent", token);
        return (created["profile"]!["agentId"]!.GetValue<string>(), name, connection, events);
    }

    private async Task<List<(string Action, string? TargetId)>> AuditAsync(string actorId)
    {
        var page = await _client.OkAsync(HttpMethod.Get, $"/api/audit?actor={actorId}&action=session.", await _client.AdminTokenAsync());
        return page["entries"]!.AsArray().Select(e => (e!["action"]!.GetValue<string>(), e["targetId"]?.GetValue<string>())).ToList();
    }
}
