using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.FunctionalTests.Api;

/// <summary>
/// The operator role and the cluster view on one node (docs/protocol.md, "Cluster"): who may see it, what it shows of
/// this node, what the drain of a silo answers for silos it cannot drain. Two silos and a real drain:
/// Processes/ClusterDrainTests.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ClusterApiTests(ApiFixture fixture)
{
    private readonly ApiClient _client = fixture.Client();

    [Fact]
    public async Task Operators_and_admins_see_the_cluster_agents_and_supervisors_are_refused_and_nobody_unsigned()
    {
        var admin = await _client.AdminTokenAsync();
        var op = await StaffAsync(admin, "operator");
        Assert.Equal(401, (await _client.SendAsync(HttpMethod.Get, "/api/cluster")).Status);
        foreach (var role in new[] { "agent", "supervisor" })
        {
            var (status, body) = await _client.SendAsync(HttpMethod.Get, "/api/cluster", await StaffAsync(admin, role));
            Assert.Equal((403, "forbidden"), (status, body?["code"]?.GetValue<string>()));
        }
        foreach (var token in new[] { op, admin })
            Assert.NotEmpty((await _client.OkAsync(HttpMethod.Get, "/api/cluster", token))["silos"]!.AsArray());
    }

    [Fact]
    public async Task The_view_shows_this_node_active_with_its_figures_and_its_live_connections_by_hub()
    {
        var op = await StaffAsync(await _client.AdminTokenAsync(), "operator");
        var silo = fixture.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        var (_, visitorToken) = await _client.NewVisitorAsync();
        var before = VisitorConnections(await ThisNodeAsync(op));
        var (visitor, _) = await _client.ConnectAsync("visitor", visitorToken);
        try
        {
            var view = await _client.OkAsync(HttpMethod.Get, "/api/cluster", op);
            Assert.Equal(silo.ToParsableString(), view["answeredBy"]!.GetValue<string>());
            // The node holds the connection once the hub has taken it, a moment after the client's handshake.
            var node = await ThisNodeAsync(op);
            for (var tries = 0; VisitorConnections(node) != before + 1 && tries < 100; tries++)
            {
                await Task.Delay(100);
                node = await ThisNodeAsync(op);
            }
            Assert.Equal(silo.ToParsableString(), node["silo"]!.GetValue<string>());
            Assert.Equal("active", node["status"]!.GetValue<string>());
            Assert.Equal($"{silo.Endpoint.Address}:{silo.Endpoint.Port}", node["endpoint"]!.GetValue<string>());
            Assert.False(node["draining"]!.GetValue<bool>());
            Assert.True(node["activations"]!.GetValue<int>() > 0);
            Assert.NotNull(node["cpuPercent"]);
            Assert.True(node["memoryBytes"]!.GetValue<long>() > 0);
            Assert.Equal(before + 1, VisitorConnections(node));
        }
        finally
        {
            await visitor.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("unknown-1")]
    [InlineData("127.0.0.1:1@1")]
    public async Task Draining_a_silo_the_cluster_does_not_have_is_not_found(string silo)
    {
        var op = await StaffAsync(await _client.AdminTokenAsync(), "operator");
        var (status, body) = await _client.SendAsync(HttpMethod.Post, $"/api/cluster/silos/{Uri.EscapeDataString(silo)}/drain", op);
        Assert.Equal((404, "not_found"), (status, body?["code"]?.GetValue<string>()));
    }

    [Fact]
    public async Task An_operator_signs_in_as_operator_and_sees_no_sessions_conversations_or_contacts()
    {
        var admin = await _client.AdminTokenAsync();
        var email = $"operator-{Guid.NewGuid():N}@cluster.test";
        await _client.OkAsync(HttpMethod.Post, "/api/agents", admin, new { displayName = "Olga Operator", email, role = "operator", password = "cluster-test-password" });
        var (status, login) = await _client.SendAsync(HttpMethod.Post, "/api/auth/login", body: new { email, password = "cluster-test-password" });
        Assert.Equal((200, "operator"), (status, login!["role"]!.GetValue<string>()));
        var op = login["token"]!.GetValue<string>();
        foreach (var path in new[] { "/api/sessions/s_1/transcript", "/api/conversations", "/api/contacts", "/api/agents", "/api/audit" })
            Assert.Equal(403, (await _client.SendAsync(HttpMethod.Get, path, op)).Status);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => _client.ConnectAsync("agent", op, negotiate: true));
    }

    private async Task<JsonNode> ThisNodeAsync(string token) =>
        (await _client.OkAsync(HttpMethod.Get, "/api/cluster", token))["silos"]!.AsArray().Single(s => s!["isThisNode"]!.GetValue<bool>())!;

    private static int VisitorConnections(JsonNode silo) => silo["connections"]!["visitor"]!.GetValue<int>();

    private async Task<string> StaffAsync(string admin, string role)
    {
        var email = $"{role}-{Guid.NewGuid():N}@cluster.test";
        await _client.OkAsync(HttpMethod.Post, "/api/agents", admin, new { displayName = $"Cluster {role}", email, role, password = "cluster-test-password" });
        return await _client.LoginAsync(email, "cluster-test-password");
    }
}
