using Engagement.Api.Auth;
using Engagement.Api.Auth.Ingestion;
using Engagement.Api.Endpoints.Context;
using Engagement.Api.Endpoints.Rules;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Engagement.Api.Context;

/// <summary>The live-context part of the API: signal publishing, API-key ingestion, and the context and rules endpoints.</summary>
public static class ContextApiExtensions
{
    /// <summary>An ingestion API key or an admin's token.</summary>
    public const string IngestionPolicy = "ingestion";

    public static IServiceCollection AddEngagementContextApi(this IServiceCollection services)
    {
        services.AddSingleton<ContextPublisher>();
        services.AddSettings<ContextPublisherOptions>();
        services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IngestionOptions>, IngestionOptionsValidator>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, IngestionKeyHandler>(IngestionKeyHandler.SchemeName, null);
        // The key scheme comes last: its challenge writes the 401 body after the JWT scheme set its headers.
        services.AddAuthorizationBuilder().AddPolicy(IngestionPolicy, policy => policy
            .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme, IngestionKeyHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireRole(Roles.Admin, IngestionKeyHandler.Role));
        return services;
    }

    public static IEndpointRouteBuilder MapContextApi(this IEndpointRouteBuilder routes)
    {
        routes.MapContextEndpoints();
        routes.MapRulesEndpoints();
        return routes;
    }
}
