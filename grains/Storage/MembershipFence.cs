using Npgsql;

namespace Engagement.Storage;

/// <summary>
/// This silo's row in the Orleans membership table (orleans.cluster_silo, written by the AdoNet clustering
/// provider), used to fence transcript writes: a batch commits only while that row says the silo is live.
/// A silo frozen past the failure detector (SIGSTOP, a long GC pause, a VM stall) is declared Dead by the others,
/// its sessions re-activate elsewhere, and when it resumes it must not go on appending beside them.
/// </summary>
/// <remarks>
/// Live means Active (3), or ShuttingDown (4) / Stopping (5): statuses only the silo itself writes, while it stops
/// gracefully and deactivates its grains (their last writes must still land). Others only ever write Dead (6), and a
/// generation never comes back from Dead. The row is read FOR SHARE in the writing statement itself: a death
/// declaration that commits first makes the write insert nothing; one that comes later waits for the write to commit.
/// </remarks>
public sealed record MembershipFence(string ClusterId, string Address, int Port, int Generation)
{
    /// <summary>This silo's fence, from Orleans' own view of it (the same values the clustering provider writes).</summary>
    public static MembershipFence Of(ILocalSiloDetails silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var address = silo.SiloAddress;
        return new MembershipFence(silo.ClusterId, address.Endpoint.Address.ToString(), address.Endpoint.Port, address.Generation);
    }

    private static readonly string LiveStatuses = string.Join(", ", (int)SiloStatus.Active, (int)SiloStatus.ShuttingDown, (int)SiloStatus.Stopping);

    /// <summary>A SQL condition, true while the row is live, that also share-locks it; parameters $first … $first+3.</summary>
    internal static string Condition(int first) =>
        $"EXISTS (SELECT 1 FROM orleans.cluster_silo WHERE cluster_id = ${first} AND address = ${first + 1} " +
        $"AND port = ${first + 2} AND generation = ${first + 3} AND status IN ({LiveStatuses}) FOR SHARE)";

    /// <summary>Adds the four parameters <see cref="Condition"/> expects, in order.</summary>
    internal void AddParameters(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = ClusterId });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = Address });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = Port });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = Generation });
    }

    /// <summary>
    /// Whether the row is live now. On <paramref name="connection"/> inside a transaction, the share lock holds the
    /// answer until that transaction ends.
    /// </summary>
    internal async Task<bool> IsLiveAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand($"SELECT {Condition(1)}", connection);
        AddParameters(command.Parameters);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>The failure of every append a fenced-out write carried.</summary>
    internal SiloFencedOutException Refusal() => new($"{Address}:{Port}@{Generation}", ClusterId);
}
