using Engagement.Storage;
using Npgsql;

namespace Engagement.FunctionalTests.Storage;

/// <summary>
/// Writes a silo's row into the Orleans membership table directly, as the clustering provider would (the silo
/// inserting itself) or as the other silos would (declaring it dead), for tests of the transcript fence.
/// </summary>
internal static class MembershipRows
{
    /// <summary>A fence for a silo of a cluster of its own, so tests sharing a database do not meet.</summary>
    public static MembershipFence NewSilo() => new($"fence-{Guid.NewGuid():N}", "127.0.0.1", 11111, Random.Shared.Next(1, int.MaxValue));

    public static async Task InsertAsync(string connectionString, MembershipFence silo, SiloStatus status)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            WITH cluster AS (INSERT INTO orleans.cluster_version (cluster_id) VALUES ($1) RETURNING cluster_id)
            INSERT INTO orleans.cluster_silo (cluster_id, address, port, generation, silo_name, host_name, status, start_time, i_am_alive_time)
            SELECT cluster_id, $2, $3, $4, 'fence-test', 'localhost', $5, now(), now() FROM cluster
            """, connection);
        Add(command, silo);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = (int)status });
        await command.ExecuteNonQueryAsync();
    }

    public static async Task SetStatusAsync(string connectionString, MembershipFence silo, SiloStatus status)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = UpdateStatus(connection, silo, status);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    public static NpgsqlCommand UpdateStatus(NpgsqlConnection connection, MembershipFence silo, SiloStatus status)
    {
        var command = new NpgsqlCommand(
            "UPDATE orleans.cluster_silo SET status = $5 WHERE cluster_id = $1 AND address = $2 AND port = $3 AND generation = $4", connection);
        Add(command, silo);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = (int)status });
        return command;
    }

    private static void Add(NpgsqlCommand command, MembershipFence silo)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = silo.ClusterId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = silo.Address });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = silo.Port });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = silo.Generation });
    }
}
