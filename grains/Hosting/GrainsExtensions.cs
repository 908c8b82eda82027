using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Engagement.Context;
using Engagement.Dashboard;
using Engagement.Faults;
using Engagement.Queues;
using Engagement.Realtime;
using Engagement.Sessions;

namespace Engagement.Hosting;

/// <summary>Registers what the grains need from the host: options and services.</summary>
public static class GrainsExtensions
{
    public static IServiceCollection AddEngagementGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<PresenceOptions>(configuration);
        services.AddSettings<SessionOptions>(configuration);
        services.AddSettings<RoutingOptions>(configuration);
        services.AddSettings<StatsOptions>(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ClientPush>();
        services.AddSingleton<Conversations.ConversationFanout>();
        services.AddSingleton<Conversations.ConversationMail>();
        services.AddSingleton<Email.IInboundMailHandler, Conversations.ConversationMailHandler>();
        services.AddSingleton<SiloDepartures>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SiloDepartures>());
        services.AddEngagementContext(configuration);
        services.AddEngagementFaultTranslation();
        return services;
    }
}
