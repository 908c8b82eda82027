using System.Text.Json;
using Engagement.Api.Context;
using Engagement.FunctionalTests.Storage;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;
using static Engagement.FunctionalTests.Cluster.ContextProbe;

namespace Engagement.FunctionalTests.Cluster;

/// <summary>
/// Two silos whose context streams all go through one queue (so exactly one silo, the queue's owner, delivers
/// every signal) and whose taken-but-unconfirmed messages come back after 1 s.
/// </summary>
public sealed class ContextStreamClusterFixture : ClusterFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Engagement:Context:StreamQueues", "1"),
        new("Engagement:Context:StreamVisibilityTimeout", "00:00:01"),
    ];
}

[CollectionDefinition(Name)]
public sealed class ContextStreamCollection : ICollectionFixture<ContextStreamClusterFixture>
{
    public const string Name = "two-silo cluster whose context stream loses silos";
}

/// <summary>
/// The live-context stream survives the loss of a node, and a signal delivered twice changes nothing.
/// <para>
/// Each test freezes the moment between "accepted" and "delivered" instead of racing it: it stops the stream's
/// pulling agents on every silo (Orleans' own control command), publishes as the API does (the publish returns
/// once PostgreSQL has committed the row, which is when the API answers 202), and only then stops the silo that
/// owns the queue. Nothing depends on timing: while the agents are stopped no silo can take the signal, so what
/// the survivors deliver afterwards can only have come from the database.
/// </para>
/// </summary>
[Collection(ContextStreamCollection.Name)]
public sealed class ContextStreamFailoverTests(ContextStreamClusterFixture cluster)
{
    private StreamQueryRunner Database => new(cluster.ConnectionString, ContextStreams.Provider, cluster.Cluster.Options.ServiceId);

    [Fact]
    public async Task A_signal_accepted_while_the_silo_that_would_deliver_it_stops_reaches_the_customer_on_a_survivor()
    {
        await using var s = cluster.Scenario();
        var probe = new ContextProbe(cluster, s);
        var customerId = "ctx-" + Guid.NewGuid().ToString("N")[..10];
        var deliverer = await QueueOwner();

        await SetAgents(running: false);
        try
        {
            await probe.Publish(customerId,
                Signal(customerId, ContextSignalKind.Device, "temperature", ("value", "21.5"), ("deviceId", "thermostat-1")),
                Signal(customerId, ContextSignalKind.Fact, "plan", ("value", "enterprise")));

            // Accepted: one committed row (the batch), taken by nobody. This is all that exists of the signal now.
            var row = Assert.Single(await Database.AllLiveRows());
            Assert.Equal(0, row.Dequeued);

            // The only silo that would deliver it leaves; with memory streams the event would have lived in a queue
            // grain's memory and gone with it. A replacement joins, as after any node loss.
            await cluster.StopSilo(deliverer);
        }
        finally
        {
            await SetAgents(running: true);
        }

        var customer = s.Grains.GetCustomer(customerId);
        await Scenario.Eventually(async () => (await customer.GetContext()).Facts.ContainsKey("plan"), "the signal reaches the customer on a survivor");
        var context = await customer.GetContext();
        Assert.Equal("enterprise", context.Facts["plan"]);
        Assert.Equal("21.5", context.Devices.Single().Value);
        Assert.NotEqual(deliverer, await cluster.SiloOf(customer));
        await Scenario.Eventually(async () => (await Database.AllLiveRows()).Count == 0, "the delivered message is confirmed (deleted)");
    }

    [Fact]
    public async Task A_signal_a_stopped_silo_had_taken_but_not_delivered_is_taken_again_by_a_survivor()
    {
        await using var s = cluster.Scenario();
        var probe = new ContextProbe(cluster, s);
        var customerId = "ctx-" + Guid.NewGuid().ToString("N")[..10];
        var deliverer = await QueueOwner();

        await SetAgents(running: false);
        try
        {
            await probe.Publish(customerId, Signal(customerId, ContextSignalKind.Fact, "tier", ("value", "gold")));
            // The owner's poll takes the message (committed: dequeued 1, hidden for the visibility timeout) and the
            // silo goes before the customer grain has it. The test runs that poll itself, with the provider's own
            // query, so the message is certainly taken and certainly not delivered.
            var queue = Assert.Single(await Database.AllLiveRows()).Queue;
            Assert.Equal(1, Assert.Single(await Database.Get(queue, maxAttempts: 10, visibilitySeconds: 1)).Dequeued);
            await cluster.StopSilo(deliverer);
        }
        finally
        {
            await SetAgents(running: true);
        }

        // Once the visibility timeout has passed the survivors' poll takes it again (receipt 2) and delivers it.
        var customer = s.Grains.GetCustomer(customerId);
        await Scenario.Eventually(async () => (await customer.GetContext()).Facts.GetValueOrDefault("tier") == "gold", "the taken signal is delivered again");
        await Scenario.Eventually(async () => (await Database.AllLiveRows()).Count == 0, "the delivered message is confirmed (deleted)");
    }

    [Fact]
    public async Task A_redelivered_signal_batch_leaves_the_context_unchanged_and_pushes_nothing()
    {
        await using var s = cluster.Scenario();
        var probe = new ContextProbe(cluster, s);
        var visitorId = Scenario.NewVisitorId();
        var (_, _, workspace, events) = await probe.AcceptedSession(visitorId);
        var customer = s.Grains.GetCustomer(visitorId);

        // Every kind of signal in one batch; keep the stored payload, which is exactly what a redelivery hands over.
        string queue;
        byte[] payload;
        await SetAgents(running: false);
        try
        {
            await probe.Publish(visitorId,
                Signal(visitorId, ContextSignalKind.PageView, "pageView", ("url", "/pricing"), ("title", "Pricing")),
                Signal(visitorId, ContextSignalKind.PageView, "pageView", ("url", "/checkout")),
                Signal(visitorId, ContextSignalKind.Event, "added_to_cart", ("sku", "A-1")),
                Signal(visitorId, ContextSignalKind.Device, "temperature", ("value", "19"), ("deviceId", "t-1")),
                Signal(visitorId, ContextSignalKind.Fact, "plan", ("value", "pro")),
                Signal(visitorId, ContextSignalKind.Location, "location", ("city", "Porto"), ("timeZone", "Europe/Lisbon")),
                Signal(visitorId, ContextSignalKind.Weather, "weather", ("summary", "Sun"), ("temperatureC", "18")),
                Signal(visitorId, ContextSignalKind.Interaction, "interaction", ("channel", "phone"), ("summary", "Called")));
            (queue, _, payload) = Assert.Single(await Database.AllLiveRows());
        }
        finally
        {
            await SetAgents(running: true);
        }
        await events.WaitFor<CustomerContext>(workspace.ConnectionId, ClientEvents.CustomerContext, c => c.Weather?.Summary == "Sun" && c.PageTrail.Length == 2);
        await Scenario.Eventually(async () => (await customer.GetHistory()).Any(h => h.Channel == "phone"), "the interaction is in the history");
        var before = Describe(await customer.GetContext());
        var historyBefore = JsonSerializer.Serialize(await customer.GetHistory());
        var pushesBefore = ContextPushes(events, workspace.ConnectionId).Count;

        // The same batch again (as after a silo died before confirming it), then a marker so we know it was consumed:
        // both go through the one queue in order, and the stream delivers them to the grain one after the other.
        await Database.Queue(queue, payload);
        await probe.Publish(visitorId, Signal(visitorId, ContextSignalKind.Fact, "marker", ("value", "after the duplicate")));
        await Scenario.Eventually(async () => (await customer.GetContext()).Facts.ContainsKey("marker"), "the marker after the duplicate arrives");

        var after = await customer.GetContext();
        Assert.Equal(before, Describe(after with { Facts = after.Facts.Where(f => f.Key != "marker").ToDictionary() }));
        Assert.Equal(historyBefore, JsonSerializer.Serialize(await customer.GetHistory()));
        // Every push since the duplicate carries the marker: the duplicate itself pushed nothing.
        Assert.All(ContextPushes(events, workspace.ConnectionId).Skip(pushesBefore), c => Assert.True(c.Facts.ContainsKey("marker")));
    }

    [Fact]
    public async Task A_batch_published_by_the_api_shows_at_once_and_its_stream_copy_changes_nothing()
    {
        await using var s = cluster.Scenario();
        var probe = new ContextProbe(cluster, s);
        var visitorId = Scenario.NewVisitorId();
        var (_, _, workspace, events) = await probe.AcceptedSession(visitorId);
        var client = cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<IClusterClient>();
        var publisher = new ContextPublisher(client, Options.Create(new ContextPublisherOptions { DirectDelivery = true }));
        var pushesBefore = ContextPushes(events, workspace.ConnectionId).Count;

        // Returns once the stream's row is committed (the 202); the grain got the same batch one-way, ahead of it.
        await publisher.PublishAsync(visitorId, [Signal(visitorId, ContextSignalKind.Device, "co2", ("value", "612"), ("deviceId", "air-1"))]);
        await events.WaitFor<CustomerContext>(workspace.ConnectionId, ClientEvents.CustomerContext, c => c.Devices.Any(d => d.Value == "612"));
        // The stream's copy has been delivered to the grain once its row is confirmed (deleted).
        await Scenario.Eventually(async () => (await Database.AllLiveRows()).Count == 0, "the stream's copy is delivered and confirmed");

        var pushes = ContextPushes(events, workspace.ConnectionId).Skip(pushesBefore).ToList();
        Assert.Single(pushes); // one push for one change, whichever path arrived first
        Assert.Equal("612", pushes[0].Devices.Single().Value);
    }

    /// <summary>The context without its version (which any later change moves on), as comparable text.</summary>
    private static string Describe(CustomerContext context) => JsonSerializer.Serialize(context with { Version = 0 });

    private static List<CustomerContext> ContextPushes(RecordingRouter events, string connectionId) =>
        [.. events.EventsFor(connectionId).Where(e => e.Name == ClientEvents.CustomerContext).Select(e => e.Payload).OfType<CustomerContext>()];

    /// <summary>Starts or stops the context stream's pulling agents on every silo (Orleans' persistent-stream control command).</summary>
    private async Task SetAgents(bool running)
    {
        var command = running ? PersistentStreamProviderCommand.StartAgents : PersistentStreamProviderCommand.StopAgents;
        await cluster.Cluster.Client.GetGrain<IManagementGrain>(0)
            .SendControlCommandToProvider<PersistentStreamProvider>(ContextStreams.Provider, (int)command, null);
    }

    /// <summary>The silo whose pulling agent owns the single context queue (waits for the balancer to settle).</summary>
    private async Task<SiloAddress> QueueOwner()
    {
        SiloAddress? owner = null;
        await Scenario.Eventually(async () =>
        {
            var running = new List<SiloAddress>();
            foreach (var silo in cluster.Cluster.Silos)
            {
                var provider = (IControllable)silo.ServiceProvider.GetRequiredKeyedService<IStreamProvider>(ContextStreams.Provider);
                if ((int)(await provider.ExecuteCommand((int)PersistentStreamProviderCommand.GetNumberRunningAgents, null))! > 0)
                    running.Add(silo.SiloAddress);
            }
            owner = running.Count == 1 ? running[0] : null;
            return owner is not null;
        }, "exactly one silo runs the context queue's agent");
        return owner!;
    }
}
