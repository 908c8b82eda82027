using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization.Serializers;

namespace Engagement.Faults;

/// <summary>DI registration of how a silo reports infrastructure failures to its callers.</summary>
public static class FaultsServiceCollectionExtensions
{
    /// <summary>
    /// The grain call filter that turns infrastructure failures into "unavailable", and the codec that lets a
    /// database exception cross silos at all. Part of <c>AddEngagementGrains</c>, so every silo has both.
    /// </summary>
    public static IServiceCollection AddEngagementFaultTranslation(this IServiceCollection services)
    {
        services.AddSingleton<IIncomingGrainCallFilter, InfrastructureFailureFilter>();
        services.AddSingleton<IGeneralizedCodec, DatabaseExceptionCodec>();
        return services;
    }
}
