using System.Data.Common;
using Engagement.Faults;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;

namespace Engagement.UnitTests.Faults;

/// <summary>
/// What a failure becomes when Orleans carries it to another silo: serialized with the silo's own serializer
/// configuration (the grains' registrations included), then read back.
/// </summary>
public class ExceptionsAcrossSilosTests
{
    private const string Bridge = "Error from storage provider AdoNetGrainStorage.customer during ReadState for grain customer/cust:v_1";

    private static Serializer SiloSerializer(bool withGrainRegistrations = true)
    {
        var services = new ServiceCollection();
        if (withGrainRegistrations) services.AddEngagementFaultTranslation();
        services.AddSerializer(builder => builder.AddAssembly(typeof(EngagementException).Assembly));
        return services.BuildServiceProvider().GetRequiredService<Serializer>();
    }

    private static Exception RoundTrip(Serializer serializer, Exception exception) =>
        serializer.Deserialize<Exception>(serializer.SerializeToArray(exception))!;

    [Fact]
    public void EngagementException_keeps_its_code_and_message()
    {
        var back = Assert.IsType<EngagementException>(RoundTrip(SiloSerializer(), EngagementException.Unavailable("The message could not be stored; send it again.")));
        Assert.Equal(ErrorCodes.Unavailable, back.Code);
        Assert.Equal("The message could not be stored; send it again.", back.Message);
    }

    [Fact]
    public void Orleans_alone_cannot_carry_a_database_exception()
    {
        // What a caller on another silo used to get instead of the real failure.
        Assert.Throws<CodecNotFoundException>(() => SiloSerializer(withGrainRegistrations: false)
            .SerializeToArray<Exception>(new OrleansException(Bridge, new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"))));
    }

    [Fact]
    public void A_retryable_database_exception_crosses_as_unavailable()
    {
        var back = RoundTrip(SiloSerializer(), new OrleansException(Bridge, new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03")));

        Assert.IsType<OrleansException>(back);
        Assert.Equal(ErrorCodes.Unavailable, Assert.IsType<EngagementException>(back.InnerException).Code);
        Assert.Equal(ErrorCodes.Unavailable, FailureClassifier.CodeOf(back));
    }

    [Fact]
    public void A_connection_failure_crosses_as_unavailable()
    {
        var back = RoundTrip(SiloSerializer(), new NpgsqlException("Failed to connect to 127.0.0.1:5432", new System.Net.Sockets.SocketException()));
        Assert.Equal(ErrorCodes.Unavailable, Assert.IsType<EngagementException>(back).Code);
    }

    [Fact]
    public void Any_other_database_exception_crosses_as_an_error_naming_it()
    {
        var back = RoundTrip(SiloSerializer(), new PostgresException("duplicate key value violates unique constraint", "ERROR", "ERROR", "23505"));

        Assert.IsNotAssignableFrom<DbException>(back);
        Assert.Contains("Npgsql.PostgresException (23505)", back.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.Error, FailureClassifier.CodeOf(back));
    }
}
