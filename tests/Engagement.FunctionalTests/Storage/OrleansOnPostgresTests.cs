using Engagement.FunctionalTests.Infrastructure;
using Engagement.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Configuration;

namespace Engagement.FunctionalTests.Storage;

/// <summary>The Orleans AdoNet providers on real PostgreSQL, through the silo's own hosting code.</summary>
[Collection(PostgresCollection.Name)]
public sealed class OrleansOnPostgresTests(PostgresFixture postgres)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Grain_state_survives_a_full_restart_starting_from_an_empty_database()
    {
        // An empty database: the silo's migrator must create the schema before membership starts.
        var cs = await postgres.CreateDatabaseAsync("orleans-state", migrate: false);
        var cluster = $"c-{Guid.NewGuid():N}";

        await using (var first = await PostgresSilo.StartAsync(cs, cluster))
        {
            await first.Grains.GetGrain<IStorageProbeGrain>("probe:restart").Set("kept across restarts");
        }

        await using var second = await PostgresSilo.StartAsync(cs, cluster);
        Assert.Equal("kept across restarts", await second.Grains.GetGrain<IStorageProbeGrain>("probe:restart").Get());

        // Stored with Orleans' serializer: no Newtonsoft "$type" naming a CLR type.
        var payload = await Scalar<byte[]>(cs, "SELECT payload FROM orleans.grain_state WHERE state_name = 'test-storage-probe'");
        Assert.DoesNotContain("$type", System.Text.Encoding.UTF8.GetString(payload));
    }

    [Fact]
    public async Task A_silo_does_not_start_when_PostgreSQL_is_unreachable()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Port = 1 }.ConnectionString;
        static void QuickGiveUp(IServiceCollection s, string cs) => s.AddSingleton(new SchemaMigrator(cs) { ConnectTimeout = TimeSpan.FromSeconds(1) });

        var error = await Assert.ThrowsAsync<SchemaMigrationException>(
            () => PostgresSilo.StartAsync(unreachable, $"c-{Guid.NewGuid():N}", s => QuickGiveUp(s, unreachable)));

        Assert.Contains("Cannot reach PostgreSQL at 127.0.0.1:1/", error.Message);
    }

    [Fact]
    public async Task Reminders_register_and_survive_a_restart()
    {
        var cs = await postgres.CreateDatabaseAsync("orleans-reminders", migrate: true);
        var cluster = $"c-{Guid.NewGuid():N}";
        var key = $"probe:{Guid.NewGuid():N}";
        static void ShortReminders(IServiceCollection s) => s.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));

        string firstSilo;
        await using (var first = await PostgresSilo.StartAsync(cs, cluster, ShortReminders))
        {
            var grain = first.Grains.GetGrain<IStorageProbeGrain>(key);
            await grain.StartReminder(TimeSpan.FromSeconds(2));
            firstSilo = await grain.SiloAddress();
            await Eventually(() => StorageProbeGrain.Ticks.Any(t => t.Key == key && t.Silo == firstSilo));
        }

        await using var second = await PostgresSilo.StartAsync(cs, cluster, ShortReminders);
        var secondSilo = await second.Grains.GetGrain<IStorageProbeGrain>(key).SiloAddress();
        Assert.NotEqual(firstSilo, secondSilo);
        Assert.True(await second.Grains.GetGrain<IStorageProbeGrain>(key).HasReminder());
        await Eventually(() => StorageProbeGrain.Ticks.Any(t => t.Key == key && t.Silo == secondSilo));
    }

    [Fact]
    public async Task Two_silos_form_a_cluster_through_the_membership_table()
    {
        var cs = await postgres.CreateDatabaseAsync("orleans-cluster", migrate: true);
        var cluster = $"c-{Guid.NewGuid():N}";

        await using var a = await PostgresSilo.StartAsync(cs, cluster);
        await using var b = await PostgresSilo.StartAsync(cs, cluster);

        foreach (var silo in new[] { a, b })
        {
            var management = silo.Grains.GetGrain<IManagementGrain>(0);
            await Eventually(async () => (await management.GetHosts(onlyActive: true)).Count == 2);
        }
        Assert.Equal(2L, await Scalar<long>(cs, $"SELECT count(*) FROM orleans.cluster_silo WHERE cluster_id = '{cluster}' AND status = 3"));

        // A graceful stop marks the silo dead (6) in the table, and the survivor sees one host.
        await b.StopAsync();
        Assert.Equal(1L, await Scalar<long>(cs, $"SELECT count(*) FROM orleans.cluster_silo WHERE cluster_id = '{cluster}' AND status = 6 AND port = {b.SiloPort}"));
        var survivor = a.Grains.GetGrain<IManagementGrain>(0);
        await Eventually(async () => (await survivor.GetHosts(onlyActive: true)).Count == 1);
    }

    private static Task Eventually(Func<bool> condition) => Eventually(() => Task.FromResult(condition()));

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (!await condition())
            await Task.Delay(200, deadline.Token);
    }

    private static async Task<T> Scalar<T>(string cs, string sql)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
