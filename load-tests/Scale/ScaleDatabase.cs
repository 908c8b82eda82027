using Engagement.Storage;
using Npgsql;

namespace Engagement.Scale;

/// <summary>The benchmark's own migrated database on the given server, dropped at the end; and what PostgreSQL counts about it.</summary>
public sealed class ScaleDatabase(string serverConnectionString) : IAsyncDisposable
{
    private readonly string _name = $"bench_cluster_{DateTime.UtcNow:yyyyMMddHHmmss}";

    public string ConnectionString => new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = _name }.ConnectionString;

    public async Task CreateAsync()
    {
        await AdminAsync($"CREATE DATABASE \"{_name}\"");
        await new SchemaMigrator(ConnectionString).MigrateAsync();
    }

    /// <summary>
    /// Cumulative counters: scans of the membership table (reads: every silo's table refreshes, joins and votes),
    /// rows updated in it (IAmAlive and status changes), the database's committed transactions, and the
    /// connections open to it now. PostgreSQL 15 publishes a backend's counters within about a second while it
    /// works and within 10 s when idle, so differences over a longer window are close but not exact.
    /// </summary>
    public async Task<DatabaseCounters> CountersAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT pg_stat_clear_snapshot();
            SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0), n_tup_upd + n_tup_ins FROM pg_stat_user_tables WHERE schemaname = 'orleans' AND relname = 'cluster_silo';
            SELECT xact_commit FROM pg_stat_database WHERE datname = current_database();
            SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid();
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.NextResultAsync();
        await reader.ReadAsync();
        var (scans, writes) = (reader.GetInt64(0), reader.GetInt64(1));
        await reader.NextResultAsync();
        await reader.ReadAsync();
        var commits = reader.GetInt64(0);
        await reader.NextResultAsync();
        await reader.ReadAsync();
        return new DatabaseCounters(scans, writes, commits, (int)reader.GetInt64(0), DateTime.UtcNow);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>A reading of <see cref="ScaleDatabase.CountersAsync"/>.</summary>
public sealed record DatabaseCounters(long MembershipScans, long MembershipWrites, long Commits, int Connections, DateTime At)
{
    /// <summary>Per second between <paramref name="before"/> and this reading.</summary>
    public (double Scans, double Writes, double Commits) RatesSince(DatabaseCounters before)
    {
        var seconds = (At - before.At).TotalSeconds;
        return ((MembershipScans - before.MembershipScans) / seconds, (MembershipWrites - before.MembershipWrites) / seconds, (Commits - before.Commits) / seconds);
    }
}
