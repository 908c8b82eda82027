using Microsoft.AspNetCore.SignalR.Client;
using Engagement.FunctionalTests.Api;

namespace Engagement.FunctionalTests.Authorization;

/// <summary>The audit log as docs/protocol.md (Audit log) promises it: admin changes recorded after they succeed, with no secrets, read newest first.</summary>
[Collection(ApiCollection.Name)]
public sealed class AuditLogTests(ApiFixture fixture)
{
    private readonly ApiClient _client = fixture.Client();

    [Fact]
    public async Task Admin_changes_are_recorded_newest_first_without_passwords_and_failures_are_not()
    {
        var admin = await _client.AdminTokenAsync();
        var since = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddSeconds(-1).ToString("O"));
        var queueId = $"q-audit-{Guid.NewGuid():N}"[..24];
        await _client.OkAsync(HttpMethod.Post, "/api/queues", admin, new { queueId, name = "Audited", skills = new[] { "billing" }, slaTarget = "00:00:30" });
        await _client.OkAsync(HttpMethod.Put, $"/api/queues/{queueId}", admin, new { name = "Audited again" });
        Assert.Equal(409, (await _client.SendAsync(HttpMethod.Post, "/api/queues", admin, new { queueId, name = "Twice" })).Status);
        var agent = await _client.OkAsync(HttpMethod.Post, "/api/agents", admin, new
        {
            displayName = "Audited Agent", email = $"audited-{Guid.NewGuid():N}@audit.test", role = "supervisor",
            queues = new[] { queueId }, password = "a-very-secret-password",
        });
        var agentId = agent["profile"]!["agentId"]!.GetValue<string>();

        var page = await _client.OkAsync(HttpMethod.Get, $"/api/audit?from={since}&actor=api-admin", admin);
        var entries = page["entries"]!.AsArray().Where(e => e!["targetId"]?.GetValue<string>() is { } id && (id == queueId || id == agentId)).ToList();

        Assert.Equal(new[] { "agent.create", "queue.configure", "queue.create" }, entries.Select(e => e!["action"]!.GetValue<string>()));
        var created = entries[0]!;
        Assert.Equal("agent", created["targetKind"]!.GetValue<string>());
        Assert.Equal("admin", created["actorRole"]!.GetValue<string>());
        Assert.Equal("supervisor", created["summary"]!["role"]!.GetValue<string>());
        Assert.Contains("password", created["summary"]!["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.DoesNotContain("a-very-secret-password", page.ToJsonString());
        Assert.Equal("Audited again", entries[1]!["summary"]!["name"]!.GetValue<string>());
        Assert.True(entries[0]!["id"]!.GetValue<long>() > entries[1]!["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task The_log_filters_by_action_and_pages_with_next()
    {
        var admin = await _client.AdminTokenAsync();
        for (var i = 0; i < 3; i++)
            await _client.OkAsync(HttpMethod.Post, "/api/canned-responses", admin, new { shortcut = $"audit{Guid.NewGuid():N}"[..20], title = "T", text = "Hello" });

        var first = await _client.OkAsync(HttpMethod.Get, "/api/audit?action=canned_response.&limit=2", admin);
        var second = await _client.OkAsync(HttpMethod.Get, $"/api/audit?action=canned_response.create&limit=2&before={first["next"]!.GetValue<long>()}", admin);

        Assert.Equal(2, first["entries"]!.AsArray().Count);
        Assert.All(first["entries"]!.AsArray().Concat(second["entries"]!.AsArray()), e => Assert.Equal("canned_response.create", e!["action"]!.GetValue<string>()));
        Assert.True(second["entries"]![0]!["id"]!.GetValue<long>() < first["entries"]![1]!["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task An_erasure_keeps_only_a_hash_of_the_contact_id()
    {
        var admin = await _client.AdminTokenAsync();
        var (customerId, token) = await _client.NewVisitorAsync();
        var (queueId, _, _) = await _client.NewQueueWithAgentAsync();
        var (visitor, _) = await _client.ConnectAsync("visitor", token);
        await visitor.InvokeAsync<System.Text.Json.JsonElement>("StartSession", ApiClient.Json(new { queueId }));
        await visitor.DisposeAsync();
        await _client.OkAsync(HttpMethod.Delete, $"/api/contacts/{customerId}", admin);

        var page = await _client.OkAsync(HttpMethod.Get, "/api/audit?action=contact.erase&limit=1", admin);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(customerId)));
        Assert.Equal($"sha256:{hash}", page["entries"]![0]!["targetId"]!.GetValue<string>());
        Assert.DoesNotContain(customerId, page.ToJsonString());
    }

    [Fact]
    public async Task Bad_filters_are_invalid()
    {
        var admin = await _client.AdminTokenAsync();
        foreach (var query in new[] { "from=yesterday", "limit=0", "limit=201", "before=x", "from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z" })
        {
            var (status, problem) = await _client.SendAsync(HttpMethod.Get, $"/api/audit?{query}", admin);
            Assert.True(status == 400, $"{query}: {status}");
            Assert.Contains(problem!["code"]!.GetValue<string>(), new[] { "invalid", "too_large" });
        }
    }
}
