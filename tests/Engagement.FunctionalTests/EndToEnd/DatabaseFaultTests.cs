using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.FunctionalTests.EndToEnd;

/// <summary>
/// A database failure inside a grain reaches a client on another node as "unavailable", not as a serialization
/// error: Orleans cannot carry the driver's exception between silos, so the grain's silo must translate it.
/// </summary>
[Collection(DatabaseFaultCollection.Name)]
public class DatabaseFaultTests
{
    [Fact]
    public async Task A_PostgresException_in_a_grain_on_one_node_reaches_a_hub_on_another_as_unavailable()
    {
        var e2e = new EndToEndFixture();
        await e2e.InitializeAsync();
        try
        {
            var second = await e2e.StartNodeAsync();
            var visitor = await e2e.NewVisitorAsync();
            await using (var first = await HubClient.VisitorAsync(e2e.Node.BaseUrl, visitor.Token))
            {
                await first.Connection.InvokeAsync<CustomerView>("SetAttributes", new Dictionary<string, string?> { ["plan"] = "pro" });
            }

            // The hub that calls must be on the node that does not hold the visitor's customer grain.
            var grains = e2e.Node.Services.GetRequiredService<IGrainFactory>();
            var host = await grains.GetGrain<IManagementGrain>(0).GetActivationAddress(grains.GetCustomer(visitor.CustomerId));
            Assert.NotNull(host);
            var remote = new[] { e2e.Node, second }.Single(n => !n.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.Equals(host));
            await using var hub = await HubClient.VisitorAsync(remote.BaseUrl, visitor.Token);

            await using (await FailingStateWrites.InstallAsync(e2e.ConnectionString, stateName: "customer", sqlState: "53100"))
            {
                var failure = await Assert.ThrowsAsync<HubException>(() =>
                    hub.Connection.InvokeAsync<CustomerView>("SetAttributes", new Dictionary<string, string?> { ["plan"] = "enterprise" }));
                Assert.Contains("HubException: unavailable: ", failure.Message, StringComparison.Ordinal);
                Assert.Equal(HubConnectionState.Connected, hub.Connection.State);
            }

            var view = await hub.Connection.InvokeAsync<CustomerView>("SetAttributes", new Dictionary<string, string?> { ["plan"] = "enterprise" });
            Assert.Equal("enterprise", view.Attributes["plan"]);
        }
        finally
        {
            await e2e.DisposeAsync();
        }
    }
}

/// <summary>Its own cluster and database: the test adds a node and injects faults into the database.</summary>
[CollectionDefinition(Name)]
public sealed class DatabaseFaultCollection
{
    public const string Name = "database faults";
}
