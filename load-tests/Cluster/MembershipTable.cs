using Npgsql;

namespace Engagement.LoadTests.Cluster;

/// <summary>A silo's status in the membership table (the integer Orleans writes; docs/operations.md).</summary>
public enum MemberStatus
{
    None = 0,
    Created = 1,
    Joining = 2,
    Active = 3,
    ShuttingDown = 4,
    Stopping = 5,
    Dead = 6,
}

/// <summary>One row of the membership table: one incarnation of a silo.</summary>
/// <param name="Port">The silo's Orleans port (<see cref="SiloProcess.SiloPort"/>).</param>
/// <param name="Generation">Changes at every start of a silo on the same address and port.</param>
public sealed record MembershipRow(string SiloName, string Address, int Port, int Generation, MemberStatus Status, DateTimeOffset IAmAliveTime);

/// <summary>Reads the cluster's membership table (orleans.cluster_silo), as an operator watching failures would.</summary>
public static class MembershipTable
{
    /// <summary>Every incarnation of every silo, oldest first.</summary>
    public static async Task<IReadOnlyList<MembershipRow>> ReadAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var query = new NpgsqlCommand(
            "SELECT silo_name, address, port, generation, status, i_am_alive_time FROM orleans.cluster_silo ORDER BY start_time, generation", connection);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        var entries = new List<MembershipRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new MembershipRow(
                reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), (MemberStatus)reader.GetInt32(4),
                reader.GetFieldValue<DateTimeOffset>(5)));
        }
        return entries;
    }

    /// <summary>The newest incarnation of the silo on <paramref name="siloPort"/>, or null.</summary>
    public static MembershipRow? Latest(IEnumerable<MembershipRow> table, int siloPort) =>
        table.Where(e => e.Port == siloPort).MaxBy(e => e.Generation);

    /// <summary>
    /// Waits until the newest row of the silo on <paramref name="siloPort"/> has <paramref name="status"/>, polling
    /// every <paramref name="poll"/>; throws at <paramref name="timeout"/>.
    /// </summary>
    public static async Task<MembershipRow> WaitForAsync(string connectionString, int siloPort, MemberStatus status, TimeSpan timeout, TimeSpan poll, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var table = await ReadAsync(connectionString, cancellationToken);
            if (Latest(table, siloPort) is { } row && row.Status == status) return row;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The silo on port {siloPort} did not become {status} within {timeout.TotalSeconds:0}s; table: {string.Join("; ", table)}");
            await Task.Delay(poll, cancellationToken);
        }
    }
}
