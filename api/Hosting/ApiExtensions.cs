using Engagement.Api.Auth;
using Engagement.Api.Endpoints.Agents;
using Engagement.Api.Endpoints.Errors;
using Engagement.Api.Endpoints.Login;
using Engagement.Api.Endpoints.Queues;
using Engagement.Api.Endpoints.Sessions;
using Engagement.Api.Endpoints.Visitors;
using Engagement.Api.Health;
using Engagement.Api.Hubs;
using Engagement.Api.Realtime;
using Engagement.Api.Seed;
using Engagement.Api.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Api.Hosting;

/// <summary>Registers and maps the API surface: hubs, REST endpoints, auth, the connection router.</summary>
public static class ApiExtensions
{
    public const string VisitorHubPath = "/hubs/visitor";
    public const string AgentHubPath = "/hubs/agent";

    public static IServiceCollection AddEngagementApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddEngagementAuth();
        services.AddEngagementCors(configuration);
        services.AddEngagementHealth();

        services.AddSignalR(options =>
            {
                options.MaximumReceiveMessageSize = InputLimits.HubMessageBytesMax;
                options.AddFilter<HubErrorFilter>();
            })
            .AddJsonProtocol(options => JsonSetup.Apply(options.PayloadSerializerOptions));
        services.AddSingleton<HubErrorFilter>();

        services.AddOptions<PresenceOptions>().BindConfiguration(PresenceOptions.Section);
        services.AddSingleton<ConnectionRouter>();
        services.AddSingleton<ConnectionRegistry>();
        services.AddHostedService(sp => sp.GetRequiredService<ConnectionRegistry>());

        services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.Section);
        services.AddHostedService<SeedService>();

        services.ConfigureHttpJsonOptions(options => JsonSetup.Apply(options.SerializerOptions));
        // Malformed bodies reach ApiExceptionHandler, which names the JSON path at fault.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOpenApi(options => options.AddDocumentTransformer<BearerSecuritySchemeTransformer>());
        return services;
    }

    public static WebApplication MapEngagementApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCors(CorsSetup.PolicyName);
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapEngagementHealth();
        app.MapOpenApi().AllowAnonymous();
        app.MapVisitorEndpoints();
        app.MapLoginEndpoints();
        app.MapAgentEndpoints();
        app.MapQueueEndpoints();
        app.MapSessionEndpoints();
        app.MapHub<VisitorHub>(VisitorHubPath);
        app.MapHub<AgentHub>(AgentHubPath);
        return app;
    }
}
