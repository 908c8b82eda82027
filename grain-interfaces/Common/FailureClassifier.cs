using System.Data.Common;
using Orleans.Runtime.Messaging;
using Orleans.Storage;

namespace Engagement;

/// <summary>
/// The one classification of failures into what a client is told, used inside the silo (the grain call filter)
/// and at the edge (the REST problem handler and the hub error filter), so that all three agree:
/// <list type="bullet">
/// <item>an <see cref="EngagementException"/> keeps its own code;</item>
/// <item>a failure of the infrastructure — the database unreachable, restarting, out of resources or asking for a
/// retry; a silo dead, unreachable or too slow; this silo fenced out of the cluster — is
/// <see cref="ErrorCodes.Unavailable"/>: nothing was decided, and the same request may be sent again shortly;</item>
/// <item>anything else is a bug, <see cref="ErrorCodes.Error"/>, including database errors that retrying
/// cannot fix (a unique violation, a missing table, a syntax error).</item>
/// </list>
/// Classification is by exception type and, for database errors, by SQL state, never by message text.
/// </summary>
public static class FailureClassifier
{
    /// <summary>
    /// What a client is told for an infrastructure failure. Never the failure's own text: that may name hosts,
    /// tables or SQL.
    /// </summary>
    public const string UnavailableMessage = "The service is briefly unavailable (a node or the database is restarting or busy); retry shortly.";

    // Wrappers are unwrapped this deep at most; real chains are one or two levels (storage bridge → driver).
    private const int MaxDepth = 8;

    /// <summary>The code a client sees for <paramref name="exception"/>.</summary>
    public static string CodeOf(Exception exception) => exception switch
    {
        EngagementException engagement => engagement.Code,
        _ when IsUnavailable(exception) => ErrorCodes.Unavailable,
        _ => ErrorCodes.Error,
    };

    /// <summary>True when <paramref name="exception"/> is an infrastructure failure worth retrying (see the class remarks).</summary>
    public static bool IsUnavailable(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return IsUnavailable(exception, MaxDepth);
    }

    /// <summary>
    /// A database error is retryable when the server could not be reached or could not serve right now, or asked
    /// for the transaction to be run again. By SQL state (PostgreSQL's codes; other servers use the same classes):
    /// <list type="bullet">
    /// <item>none: the driver never got a server error — it could not connect, lost the connection, or timed out
    /// (Npgsql marks exactly these transient: an I/O, socket or timeout failure underneath, an exhausted pool);</item>
    /// <item>08xxx connection exception; 53xxx insufficient resources (disk full, out of memory, too many connections);</item>
    /// <item>57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting up or shutting down),
    /// 57P05 idle session timeout; 57014 statement cancelled (statement_timeout: the server is too slow now);</item>
    /// <item>40001 serialization failure, 40P01 deadlock, 55P03 lock not available: the transaction may simply be retried;</item>
    /// <item>25006 read-only transaction: a primary being demoted or a standby during failover; writes resume after it.</item>
    /// </list>
    /// Everything else (23505 unique violation, 42P01 undefined table, …) is a bug or bad data.
    /// </summary>
    public static bool IsUnavailable(DbException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.SqlState switch
        {
            null or "" => exception.IsTransient,
            { Length: 5 } state when state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal) => true,
            "57P01" or "57P02" or "57P03" or "57P05" or "57014" => true,
            "40001" or "40P01" or "55P03" => true,
            "25006" => true,
            _ => false,
        };
    }

    private static bool IsUnavailable(Exception exception, int depth)
    {
        switch (exception)
        {
            case EngagementException engagement:
                return engagement.Code == ErrorCodes.Unavailable;
            case SiloFencedOutException:
                return true;
            // Orleans: a call timed out, the target silo is dead or unreachable, or a message was rejected
            // (overload, shutdown, a dying silo); SiloUnavailableException is a rejection.
            case TimeoutException or OrleansMessageRejectionException or GatewayTooBusyException or ConnectionFailedException:
                return true;
            // The stored state changed under this activation: typically a write whose commit was lost with its
            // connection, or a duplicate activation while membership settles. Orleans deactivates the activation,
            // so a retry reads fresh state.
            case InconsistentStateException:
                return true;
            case DbException database:
                return IsUnavailable(database);
            // Wrappers. Orleans' storage bridge throws a plain OrleansException ("Error from storage provider …")
            // around the provider's failure; activation failures may come inside a lifecycle cancellation.
            case AggregateException aggregate:
                return depth > 0 && aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(e => IsUnavailable(e, depth - 1));
            case OrleansLifecycleCanceledException:
            case OrleansException when exception.GetType() == typeof(OrleansException):
                return depth > 0 && exception.InnerException is { } inner && IsUnavailable(inner, depth - 1);
            default:
                return false;
        }
    }
}
