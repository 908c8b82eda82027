using Engagement.Storage;
using Npgsql;

namespace Engagement.FunctionalTests.Infrastructure;

/// <summary>
/// A fresh PostgreSQL database per fixture, with the schema applied through <see cref="SchemaMigrator"/>
/// (so tests run the migration that ships), dropped at the end. <see cref="CreateDatabaseAsync"/> makes
/// further databases, e.g. an empty one to prove a silo migrates it itself.
/// Use as an xUnit collection fixture: <c>[Collection(PostgresCollection.Name)]</c>, or in your own
/// <c>ICollectionFixture&lt;PostgresFixture&gt;</c>.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private readonly List<string> databases = [];
    private string? serverConnectionString;
    private string? connectionString;

    /// <summary>Connection string to this fixture's migrated database.</summary>
    public string ConnectionString => connectionString ?? throw new InvalidOperationException("Fixture not initialised.");

    /// <summary>Connection string to the server's maintenance database.</summary>
    public string ServerConnectionString => serverConnectionString ?? throw new InvalidOperationException("Fixture not initialised.");

    public async Task InitializeAsync()
    {
        serverConnectionString = await PostgresServer.ConnectionStringAsync();
        connectionString = await CreateDatabaseAsync("fixture", migrate: true);
    }

    /// <summary>Creates a uniquely named database (dropped with the fixture) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string purpose, bool migrate)
    {
        var name = $"test_{Sanitize(purpose)}_{Guid.NewGuid():N}"; // at most 54 characters (limit 63)
        await using (var admin = new NpgsqlConnection(ServerConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        lock (databases) databases.Add(name);
        var cs = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
        if (migrate) await new SchemaMigrator(cs).MigrateAsync();
        return cs;
    }

    /// <remarks>
    /// Tests that stop or restart the server (outage and recovery tests) may run beside this clean-up: a database not
    /// dropped now is retried for a minute, as the server comes back, instead of failing the run over test leftovers.
    /// </remarks>
    public async Task DisposeAsync()
    {
        if (serverConnectionString is null) return;
        NpgsqlConnection.ClearAllPools();
        var until = DateTime.UtcNow.AddMinutes(1);
        foreach (var name in databases)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var admin = new NpgsqlConnection(serverConnectionString);
                    await admin.OpenAsync();
                    await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
                    await drop.ExecuteNonQueryAsync();
                    break;
                }
                catch (NpgsqlException) when (DateTime.UtcNow < until)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250 * Math.Min(attempt, 8)));
                }
            }
        }
    }

    private static string Sanitize(string purpose) =>
        new(purpose.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').Take(16).ToArray());
}
