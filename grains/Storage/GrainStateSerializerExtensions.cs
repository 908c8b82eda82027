using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Storage;

namespace Engagement.Storage;

/// <summary>
/// Grain state is stored with Orleans' own serializer instead of the default Newtonsoft JSON, whose
/// "$type" names the CLR type so that a renamed or moved state class can no longer be read.
/// The Orleans format identifies fields by [Id] and writes no type name for a value of the declared type
/// (polymorphic values are named by [Alias] when given): state classes need [GenerateSerializer],
/// and [Id]s must never be renumbered. Use this on every silo, in-memory test clusters included, so
/// that tests catch a state class the serializer cannot handle.
/// </summary>
public static class GrainStateSerializerExtensions
{
    public static IServiceCollection UseEngagementGrainStateSerializer(this IServiceCollection services)
    {
        // Every storage provider without its own serializer (AdoNet and Memory alike) uses this one.
        services.Replace(ServiceDescriptor.Singleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>());
        return services;
    }
}
