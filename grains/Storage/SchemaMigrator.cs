using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Engagement.Storage;

/// <summary>
/// Applies the embedded schema (<see cref="SchemaScript.All"/>) to PostgreSQL. Runs in one transaction
/// under a transaction-scoped advisory lock, so silos starting together apply it one after the other;
/// scripts whose checksum is already recorded in engagement.schema_version are skipped.
/// </summary>
public sealed partial class SchemaMigrator(string connectionString, ILogger<SchemaMigrator>? logger = null)
{
    /// <summary>Advisory lock key ("engagemt" in ASCII) that serialises migrations per database.</summary>
    private const long LockKey = 0x656E676167656D74;
    private const string VersionScript = "000-schema-version.sql";

    private readonly ILogger logger = logger ?? NullLogger<SchemaMigrator>.Instance;

    /// <summary>How long to keep trying to reach the server before giving up (it may still be starting).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Applies every script whose text changed or was never applied; with <paramref name="reapplyAll"/>, every script.</summary>
    /// <returns>The names of the scripts that were applied.</returns>
    public async Task<IReadOnlyList<string>> MigrateAsync(bool reapplyAll = false, CancellationToken cancellationToken = default)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var where = $"{target.Host}:{target.Port}/{target.Database}";
        var clock = Stopwatch.StartNew();
        await using var connection = await ConnectAsync(where, cancellationToken);
        var applied = new List<string>();
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
            var versionScript = SchemaScript.All.Single(s => s.Name == VersionScript);
            await ExecuteAsync(connection, versionScript.Sql, cancellationToken);
            var recorded = await ReadRecordedAsync(connection, cancellationToken);
            foreach (var script in SchemaScript.All)
            {
                if (!reapplyAll && recorded.TryGetValue(script.Name, out var checksum) && checksum == script.Checksum)
                    continue;
                if (script.Name != VersionScript)
                    await ExecuteAsync(connection, script.Sql, cancellationToken);
                await RecordAsync(connection, script, cancellationToken);
                applied.Add(script.Name);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException e)
        {
            throw new SchemaMigrationException($"Applying the database schema to {where} failed: {e.MessageText} ({e.SqlState}).", e);
        }
        catch (NpgsqlException e)
        {
            throw new SchemaMigrationException($"Applying the database schema to {where} failed: {e.Message}", e);
        }
        LogSchemaReady(where, applied.Count == 0 ? "none (up to date)" : string.Join(", ", applied), clock.ElapsedMilliseconds);
        return applied;
    }

    private async Task<NpgsqlConnection> ConnectAsync(string where, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            var connection = new NpgsqlConnection(connectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                return connection;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                await connection.DisposeAsync();
                var permanent = e is PostgresException pg && pg.SqlState is "3D000" or "28P01" or "28000";
                if (permanent || deadline.Elapsed >= ConnectTimeout)
                    throw new SchemaMigrationException(
                        $"Cannot reach PostgreSQL at {where} to apply the database schema (after {attempt} attempt(s), {deadline.Elapsed.TotalSeconds:0}s): {e.Message}", e);
                LogRetrying(where, attempt, e.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 250 * attempt)), cancellationToken);
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<Dictionary<string, string>> ReadRecordedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT script, checksum FROM engagement.schema_version", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var recorded = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
            recorded[reader.GetString(0)] = reader.GetString(1);
        return recorded;
    }

    private static async Task RecordAsync(NpgsqlConnection connection, SchemaScript script, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO engagement.schema_version (script, checksum, applied_at, applied_by) VALUES ($1, $2, now(), $3)
            ON CONFLICT (script) DO UPDATE SET checksum = EXCLUDED.checksum, applied_at = now(), applied_by = EXCLUDED.applied_by
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = script.Name });
        command.Parameters.Add(new NpgsqlParameter { Value = script.Checksum });
        command.Parameters.Add(new NpgsqlParameter { Value = Environment.MachineName });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema ready on {Where}: applied {Applied} in {ElapsedMs} ms")]
    private partial void LogSchemaReady(string where, string applied, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL at {Where} not reachable yet (attempt {Attempt}): {Reason}; retrying")]
    private partial void LogRetrying(string where, int attempt, string reason);
}
