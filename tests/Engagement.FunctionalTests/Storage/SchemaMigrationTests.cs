using Engagement.FunctionalTests.Infrastructure;
using Engagement.Storage;
using Npgsql;

namespace Engagement.FunctionalTests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class SchemaMigrationTests(PostgresFixture postgres)
{
    /// <summary>
    /// Every key the 10.4.2 providers require or use (orleans-adonet-contract.md §1.2), and the six the ADO.NET
    /// stream provider 10.4.2-alpha.1 requires (docs/architecture.md, "the stream contract").
    /// </summary>
    private static readonly string[] QueryKeys =
    [
        "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipVersionKey",
        "UpdateIAmAlivetimeKey", "InsertMembershipKey", "UpdateMembershipKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",
        "ReadReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey",
        "UpsertReminderRowKey", "DeleteReminderRowKey", "DeleteReminderRowsKey",
        "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey",
        "QueueStreamMessageKey", "GetStreamMessagesKey", "ConfirmStreamMessagesKey", "FailStreamMessageKey",
        "EvictStreamMessagesKey", "EvictStreamDeadLettersKey",
    ];

    [Fact]
    public async Task Applies_to_an_empty_database_and_records_every_script()
    {
        var cs = await postgres.CreateDatabaseAsync("schema-fresh", migrate: false);

        var applied = await new SchemaMigrator(cs).MigrateAsync();

        Assert.Equal(SchemaScript.All.Select(s => s.Name), applied);
        Assert.Equal(QueryKeys.Order(), (await QueryStrings(cs, "SELECT querykey FROM orleans.orleansquery")).Order());
        Assert.Equal(SchemaScript.All.Select(s => s.Checksum),
            await QueryStrings(cs, "SELECT checksum FROM engagement.schema_version ORDER BY script"));
    }

    [Fact]
    public async Task Applies_twice_without_error_and_skips_unchanged_scripts()
    {
        var cs = await postgres.CreateDatabaseAsync("schema-twice", migrate: true);

        var second = await new SchemaMigrator(cs).MigrateAsync();
        var forced = await new SchemaMigrator(cs).MigrateAsync(reapplyAll: true);

        Assert.Empty(second);
        Assert.Equal(SchemaScript.All.Count, forced.Count);
        Assert.Equal(QueryKeys.Length, (await QueryStrings(cs, "SELECT querykey FROM orleans.orleansquery")).Count);
    }

    [Fact]
    public async Task Upgrades_a_database_of_the_version_before_streams_by_applying_only_the_stream_script()
    {
        // The previous version: scripts 000–005 applied and recorded, with data in them.
        var cs = await postgres.CreateDatabaseAsync("schema-upgrade", migrate: false);
        var before = SchemaScript.All.Where(s => string.CompareOrdinal(s.Name, "006") < 0).ToList();
        await using (var connection = new NpgsqlConnection(cs))
        {
            await connection.OpenAsync();
            foreach (var script in before)
            {
                await using var apply = new NpgsqlCommand(script.Sql, connection);
                await apply.ExecuteNonQueryAsync();
            }
            foreach (var script in before)
            {
                await using var record = new NpgsqlCommand(
                    "INSERT INTO engagement.schema_version (script, checksum, applied_by) VALUES ($1, $2, 'previous')", connection);
                record.Parameters.Add(new NpgsqlParameter { Value = script.Name });
                record.Parameters.Add(new NpgsqlParameter { Value = script.Checksum });
                await record.ExecuteNonQueryAsync();
            }
            await using var data = new NpgsqlCommand(
                "INSERT INTO engagement.session_message VALUES ('sess:kept', 1, 0, 'v', 0, 'V', 'hello', now(), NULL)", connection);
            await data.ExecuteNonQueryAsync();
        }

        var applied = await new SchemaMigrator(cs).MigrateAsync();

        // The stream script and those that came after it (webhooks, …), nothing before.
        Assert.Equal(SchemaScript.All.Select(s => s.Name).Where(n => string.CompareOrdinal(n, "006") >= 0), applied);
        Assert.Equal("006-orleans-streaming.sql", applied[0]);
        Assert.Equal(QueryKeys.Order(), (await QueryStrings(cs, "SELECT querykey FROM orleans.orleansquery")).Order());
        Assert.Equal(["hello"], await QueryStrings(cs, "SELECT text FROM engagement.session_message"));
        Assert.Equal(["stream_dead_letter", "stream_eviction", "stream_message"], await QueryStrings(cs,
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'orleans' AND table_name LIKE 'stream%' ORDER BY 1"));
    }

    [Fact]
    public async Task Applies_concurrently_from_several_silos_starting_at_once()
    {
        var cs = await postgres.CreateDatabaseAsync("schema-race", migrate: false);

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => new SchemaMigrator(cs).MigrateAsync())));

        // Exactly one run applied the scripts; the others waited on the lock and found them recorded.
        Assert.Single(runs, r => r.Count > 0);
        Assert.Equal(QueryKeys.Length, (await QueryStrings(cs, "SELECT querykey FROM orleans.orleansquery")).Count);
    }

    [Fact]
    public async Task Reports_an_unreachable_server_clearly()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Port = 1, Timeout = 2 }.ConnectionString;
        var migrator = new SchemaMigrator(unreachable) { ConnectTimeout = TimeSpan.FromSeconds(1) };

        var error = await Assert.ThrowsAsync<SchemaMigrationException>(() => migrator.MigrateAsync());

        Assert.Contains("Cannot reach PostgreSQL at 127.0.0.1:1/", error.Message);
    }

    private static async Task<List<string>> QueryStrings(string cs, string sql)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }
}
