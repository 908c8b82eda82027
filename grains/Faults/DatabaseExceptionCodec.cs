using System.Buffers;
using System.Data.Common;
using Orleans.Serialization.Buffers;
using Orleans.Serialization.GeneratedCodeHelpers;
using Orleans.Serialization.Serializers;
using Orleans.Serialization.WireProtocol;

namespace Engagement.Faults;

/// <summary>
/// Lets a database driver's exception cross silos. Orleans serializes only exceptions whose types it knows (its own,
/// System.* and Microsoft.* ones, [GenerateSerializer] ones); Npgsql's are none of these, so a message carrying one
/// failed to serialize and the caller got CodecNotFoundException instead. <see cref="InfrastructureFailureFilter"/>
/// handles grain calls, but not what no call filter sees: a grain whose activation failed reading its state or its
/// transcript (its queued calls are rejected with that failure), or a driver exception nested inside another.
/// This codec writes such an exception as a stand-in Orleans can serialize: <see cref="EngagementException"/>
/// "unavailable" when <see cref="FailureClassifier"/> says so, else a plain <see cref="Exception"/> naming the type and
/// SQL state, which callers report as an error. The wire names the stand-in's type, so this codec never reads.
/// </summary>
internal sealed class DatabaseExceptionCodec : IGeneralizedCodec
{
    public bool IsSupportedType(Type type) =>
        typeof(DbException).IsAssignableFrom(type)
        // System.Data's own types are Orleans' to serialize.
        && type.Namespace is { } ns && !ns.StartsWith("System", StringComparison.Ordinal) && !ns.StartsWith("Microsoft", StringComparison.Ordinal);

    public void WriteField<TBufferWriter>(ref Writer<TBufferWriter> writer, uint fieldIdDelta, Type? expectedType, object? value)
        where TBufferWriter : IBufferWriter<byte>
    {
        ArgumentNullException.ThrowIfNull(value); // Orleans looks a codec up by the value's type: never null here
        writer.SerializeUnexpectedType(fieldIdDelta, expectedType, StandIn((DbException)value));
    }

    public object? ReadValue<TInput>(ref Reader<TInput> reader, Field field) =>
        throw new NotSupportedException("Database exceptions cross silos as stand-ins; nothing is ever read as one.");

    internal static Exception StandIn(DbException exception) =>
        FailureClassifier.IsUnavailable(exception)
            ? EngagementException.Unavailable(FailureClassifier.UnavailableMessage)
            : new Exception($"{exception.GetType().FullName} ({exception.SqlState ?? "no SQL state"}): {exception.Message}");
}
