using System.Globalization;
using Npgsql;

namespace Engagement.LoadTests.Bench;

/// <summary>
/// A benchmark's own database on the project's PostgreSQL, dropped and created anew for every run, so results do
/// not depend on what earlier runs left behind.
/// </summary>
internal sealed class BenchDatabase(string server, string name)
{
    public string Name => name;

    /// <summary>The connection string the silos use.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;

    public async Task RecreateAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(server, ct);
        await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", ct);
        await ExecuteAsync(connection, $"CREATE DATABASE \"{name}\"", ct);
    }

    /// <summary>
    /// The postmaster's process id (the parent of this connection's backend): its tree is PostgreSQL's CPU, which
    /// counts as the benchmark's own.
    /// </summary>
    public async Task<int> ServerProcessIdAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(server, ct);
        await using var query = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        var backend = (int)(await query.ExecuteScalarAsync(ct))!;
        var stat = await File.ReadAllTextAsync($"/proc/{backend}/stat", ct);
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
    }

    /// <summary>A count on this database (e.g. rows the product stored).</summary>
    public async Task<long> CountAsync(string sql, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ConnectionString, ct);
        await using var query = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await query.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    // No pooling: a pooled connection to the dropped database would outlive it.
    private static async Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
