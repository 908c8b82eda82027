using Orleans.Metadata;
using Orleans.Streams;

namespace Engagement.Context;

/// <summary>
/// Maps a context stream (key = customer id, as producers know it) to the customer grain's key, which carries
/// the "cust:" prefix (<see cref="GrainKeys"/>). Orleans' default mapper would use the bare id and so activate
/// a second, wrong customer grain.
/// </summary>
public sealed class CustomerStreamIdMapper : IStreamIdMapper
{
    public const string Name = "customer-context";

    public IdSpan GetGrainKeyId(GrainBindings grainBindings, StreamId streamId) =>
        IdSpan.Create(GrainKeys.Customer(streamId.GetKeyAsString()));
}
