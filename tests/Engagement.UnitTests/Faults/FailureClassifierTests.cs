using System.Net.Sockets;
using Npgsql;
using Orleans.Runtime.Messaging;
using Orleans.Serialization;
using Orleans.Storage;

namespace Engagement.UnitTests.Faults;

/// <summary>Each kind of failure and the code a client is told (the one classification used by grains, REST and hubs).</summary>
public class FailureClassifierTests
{
    private static PostgresException Postgres(string sqlState) => new("simulated", "ERROR", "ERROR", sqlState);

    [Theory]
    [InlineData("08000")] // connection exception
    [InlineData("08001")] // client unable to establish connection
    [InlineData("08006")] // connection failure
    [InlineData("57P01")] // admin shutdown (fast shutdown terminates sessions)
    [InlineData("57P02")] // crash shutdown
    [InlineData("57P03")] // cannot connect now (starting up, shutting down)
    [InlineData("57P05")] // idle session timeout
    [InlineData("57014")] // statement cancelled (statement_timeout)
    [InlineData("53000")] // insufficient resources
    [InlineData("53100")] // disk full
    [InlineData("53200")] // out of memory
    [InlineData("53300")] // too many connections
    [InlineData("40001")] // serialization failure
    [InlineData("40P01")] // deadlock detected
    [InlineData("55P03")] // lock not available
    [InlineData("25006")] // read-only transaction (failover)
    public void Retryable_sql_states_are_unavailable(string sqlState)
    {
        Assert.Equal(ErrorCodes.Unavailable, FailureClassifier.CodeOf(Postgres(sqlState)));
    }

    [Theory]
    [InlineData("23505")] // unique violation: the caller's bug, retrying cannot fix it
    [InlineData("23503")] // foreign key violation
    [InlineData("42P01")] // undefined table
    [InlineData("42601")] // syntax error
    [InlineData("22P02")] // invalid text representation
    [InlineData("57P04")] // database dropped
    public void Other_sql_states_are_errors(string sqlState)
    {
        Assert.Equal(ErrorCodes.Error, FailureClassifier.CodeOf(Postgres(sqlState)));
    }

    [Fact]
    public void Driver_failures_without_a_server_error_are_unavailable_when_the_connection_failed()
    {
        Assert.Equal(ErrorCodes.Unavailable, FailureClassifier.CodeOf(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.Equal(ErrorCodes.Unavailable, FailureClassifier.CodeOf(new NpgsqlException("Exception while reading from stream", new EndOfStreamException())));
        Assert.Equal(ErrorCodes.Unavailable, FailureClassifier.CodeOf(new NpgsqlException("The connection pool has been exhausted", new TimeoutException())));
        Assert.Equal(ErrorCodes.Error, FailureClassifier.CodeOf(new NpgsqlException("A command is already in progress")));
    }

    [Fact]
    public void Storage_provider_errors_are_classified_by_what_they_wrap()
    {
        const string bridge = "Error from storage provider AdoNetGrainStorage.customer during WriteState for grain customer/cust:v_1";
        Assert.Equal(ErrorCodes.Unavailable, FailureClassifier.CodeOf(new OrleansException(bridge, Postgres("57P01"))));
        Assert.Equal(ErrorCodes.Unavailable, FailureClassifier.CodeOf(new OrleansException(bridge, new NpgsqlException("Failed to connect", new SocketException()))));
        Assert.Equal(ErrorCodes.Error, FailureClassifier.CodeOf(new OrleansException(bridge, Postgres("23505"))));
        Assert.Equal(ErrorCodes.Error, FailureClassifier.CodeOf(new OrleansException(bridge)));
    }

    [Fact]
    public void Orleans_timeouts_rejections_and_dead_silos_are_unavailable()
    {
        Assert.Equal(ErrorCodes.Unavailable, FailureClassifier.CodeOf(new TimeoutException("Response did not arrive on time")));
        Assert.Equal(ErrorCodes.Unavailable, FailureClassifier.CodeOf(new SiloUnavailableException("The target silo became unavailable")));
        Assert.Equal(ErrorCodes.Unavailable, FailureClassifier.CodeOf(new GatewayTooBusyException()));
        Assert.Equal(ErrorCodes.Unavailable, FailureClassifier.CodeOf(new ConnectionFailedException("Unable to connect to endpoint")));
    }

    [Fact]
    public void A_stale_grain_state_is_unavailable_since_Orleans_reloads_it()
    {
        Assert.Equal(ErrorCodes.Unavailable, FailureClassifier.CodeOf(new InconsistentStateException("Version conflict (WriteState)")));
    }

    [Fact]
    public void A_fenced_out_silo_is_unavailable()
    {
        Assert.Equal(ErrorCodes.Unavailable, FailureClassifier.CodeOf(new SiloFencedOutException("127.0.0.1:11111@1", "engagement")));
    }

    [Fact]
    public void Grain_errors_keep_their_code()
    {
        Assert.Equal(ErrorCodes.Conflict, FailureClassifier.CodeOf(EngagementException.Conflict("The offer is gone.")));
        Assert.Equal(ErrorCodes.Unavailable, FailureClassifier.CodeOf(EngagementException.Unavailable("send it again")));
    }

    [Fact]
    public void Aggregates_are_unavailable_only_when_every_failure_is()
    {
        Assert.Equal(ErrorCodes.Unavailable, FailureClassifier.CodeOf(new AggregateException(new TimeoutException(), Postgres("57P01"))));
        Assert.Equal(ErrorCodes.Error, FailureClassifier.CodeOf(new AggregateException(new TimeoutException(), new InvalidOperationException())));
    }

    [Fact]
    public void Bugs_are_errors()
    {
        Assert.Equal(ErrorCodes.Error, FailureClassifier.CodeOf(new InvalidOperationException("bug")));
        Assert.Equal(ErrorCodes.Error, FailureClassifier.CodeOf(new NullReferenceException()));
        Assert.Equal(ErrorCodes.Error, FailureClassifier.CodeOf(new CodecNotFoundException("Could not find a codec for type Npgsql.PostgresException")));
        // Only Orleans' plain wrapper is looked into, not every exception with an inner one.
        Assert.Equal(ErrorCodes.Error, FailureClassifier.CodeOf(new InvalidOperationException("bug", new TimeoutException())));
    }
}
