using Engagement.Api.Audit;
using Engagement.Api.Auth;
using Engagement.Api.Context;
using Engagement.Api.Cluster;
using Engagement.Api.Drain;
using Engagement.Api.Endpoints.Agents;
using Engagement.Api.Endpoints.Audit;
using Engagement.Api.Endpoints.Errors;
using Engagement.Api.Endpoints.Login;
using Engagement.Api.Endpoints.Queues;
using Engagement.Api.Endpoints.Sessions;
using Engagement.Api.Endpoints.Media;
using Engagement.Api.Endpoints.Visitors;
using Engagement.Api.Endpoints.Webhooks;
using Engagement.Api.Health;
using Engagement.Api.Hubs;
using Engagement.Api.Hubs.Protocol;
using Engagement.Api.OrleansDashboard;
using Engagement.Api.Realtime;
using Engagement.Api.Seed;
using Engagement.Api.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Engagement.Api.Hosting;

/// <summary>Registers and maps the API surface: hubs, REST endpoints, auth, the connection router.</summary>
public static class ApiExtensions
{
    public const string VisitorHubPath = "/hubs/visitor";
    public const string AgentHubPath = "/hubs/agent";

    public static IServiceCollection AddEngagementApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddEngagementAuth();
        services.AddOrleansDashboardAccess(); // the dashboard itself is the silo's (silo/OrleansDashboard.cs)
        services.AddEngagementContextApi();
        services.AddSettings<LoginThrottleOptions>();
        services.AddSingleton<LoginThrottle>();
        services.AddSettings<VisitorCreationOptions>();
        services.AddSingleton<VisitorCreationThrottle>();
        services.AddSingleton<Endpoints.Attachments.AttachmentLinks>(); // signed links to attachment bytes
        services.AddEngagementCors(configuration);
        services.AddEngagementHealth();

        services.AddSignalR(options =>
            {
                // Above it SignalR closes the connection; below it every over-long value gets too_large (Limits).
                options.MaximumReceiveMessageSize = Limits.HubFrameBytes;
                options.AddFilter<HubErrorFilter>();
            })
            .AddJsonProtocol(options => JsonSetup.Apply(options.PayloadSerializerOptions));
        // The JSON protocol, with a code on every failure it reports.
        services.RemoveAll<IHubProtocol>();
        services.AddSingleton<IHubProtocol, CodedJsonHubProtocol>();
        // SignalR's in-memory lifetime manager, with the watch groups' broadcasts serialized once and coalesced.
        services.RemoveAll(typeof(HubLifetimeManager<>));
        services.AddSingleton<WatcherCensus>();
        services.AddSingleton(typeof(HubLifetimeManager<>), typeof(WatchGroupLifetimeManager<>));
        services.AddSingleton<HubErrorFilter>();
        // SignalR's dispatcher logs every failed hub call at Error, so any client could fill the logs with its
        // own bad input. HubErrorFilter logs what is really unexpected (with the method and connection), so
        // this category keeps only Critical. Re-enable per provider with Logging:Console:LogLevel:<category>.
        services.AddLogging(logging =>
            logging.AddFilter("Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher", LogLevel.Critical));

        services.AddSettings<PresenceOptions>();
        services.AddSingleton<ClientSender>();
        services.AddSingleton<ClientConnections>();
        services.AddSingleton<ILocalConnectionRouter>(sp => sp.GetRequiredService<ClientConnections>());
        services.AddHostedService(sp => sp.GetRequiredService<ClientConnections>());
        services.AddEngagementDrain();
        services.AddEngagementCluster(); // the operator's cluster view and drain of any silo

        services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.Section);
        services.AddHostedService<SeedService>();
        services.AddEngagementBoardsApi();

        services.ConfigureHttpJsonOptions(options => JsonSetup.Apply(options.SerializerOptions));
        // Malformed bodies reach ApiExceptionHandler, which names the JSON path at fault.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemCodes.AddCode);
        // The documented body limit, with 413 too_large above it (Kestrel's default is 30 MB).
        services.Configure<KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = Limits.RestBodyBytes);
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOpenApi(options => options.AddDocumentTransformer<BearerSecuritySchemeTransformer>());
        return services;
    }

    public static WebApplication MapEngagementApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages(StatusCodeProblems.WriteAsync);
        app.UseCors(CorsSetup.PolicyName);
        app.UseEngagementWeb();
        app.UseEngagementDrain("/hubs");
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<AuditMiddleware>(); // records every admin change that succeeded

        app.MapEngagementHealth();
        app.MapOpenApi().AllowAnonymous();
        app.MapVisitorEndpoints();
        app.MapLoginEndpoints();
        app.MapAgentEndpoints();
        app.MapQueueEndpoints();
        app.MapSessionEndpoints();
        app.MapContextApi();
        app.MapEngagementBoardsApi();
        app.MapWebhookEndpoints();
        app.MapAuditEndpoints();
        app.MapMediaEndpoints();
        app.MapDrainEndpoint();
        app.MapClusterEndpoints();
        app.MapOrleansDashboardSession();
        // A connection ends when its token expires; the client signs in again and resumes.
        app.MapHub<VisitorHub>(VisitorHubPath, options => options.CloseOnAuthenticationExpiration = true);
        app.MapHub<AgentHub>(AgentHubPath, options => options.CloseOnAuthenticationExpiration = true);
        return app;
    }
}
