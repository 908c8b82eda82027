using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Engagement.Api.Auth;

/// <summary>JWT bearer authentication (header, or access_token query for hub WebSockets) and the role policies.</summary>
internal static class AuthServiceExtensions
{
    public const string HubPathPrefix = "/hubs";

    public static IServiceCollection AddEngagementAuth(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SigningKeys>();
        services.AddSingleton<TokenService>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKeys>((options, keys) =>
            {
                // Keep the claim names as issued ("sub", "role", "name") instead of the legacy SOAP URIs.
                options.MapInboundClaims = false;
                // Nothing reads the token back from the ticket (GetTokenAsync); a hub connection would keep a copy for its lifetime.
                options.SaveToken = false;
                options.TokenValidationParameters = TokenClaims.ValidationParameters(keys.Key);
                options.Events = new JwtBearerEvents { OnMessageReceived = ReadHubTokenFromQuery, OnTokenValidated = DropTokenFromHubPrincipal };
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Visitor, p => p.RequireAuthenticatedUser().RequireRole(Roles.Visitor))
            .AddPolicy(Policies.Staff, p => p.RequireAuthenticatedUser().RequireRole(Roles.Agent, Roles.Supervisor, Roles.Admin))
            .AddPolicy(Policies.Supervisor, p => p.RequireAuthenticatedUser().RequireRole(Roles.Supervisor, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin))
            .AddPolicy(Policies.Operator, p => p.RequireOperator())
            // Operators run the cluster: no route of customers' sessions, files or directory is theirs.
            .AddPolicy(Policies.Authenticated, p => p.RequireAuthenticatedUser().RequireRole(Roles.Visitor, Roles.Agent, Roles.Supervisor, Roles.Admin));
        return services;
    }

    /// <summary>
    /// The one rule for operators, shared by every policy that admits them (<see cref="Policies.Operator"/>, the
    /// Orleans dashboard's): operators, and admins, who keep every operator power.
    /// </summary>
    public static AuthorizationPolicyBuilder RequireOperator(this AuthorizationPolicyBuilder policy) =>
        policy.RequireAuthenticatedUser().RequireRole(Roles.Operator, Roles.Admin);

    /// <summary>Browsers cannot set headers on WebSockets (or SSE), so the hub clients send the token in the query.</summary>
    private static Task ReadHubTokenFromQuery(MessageReceivedContext context)
    {
        var token = context.Request.Query["access_token"];
        if (!string.IsNullOrEmpty(token) && context.HttpContext.Request.Path.StartsWithSegments(HubPathPrefix))
        {
            context.Token = token;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// A hub connection keeps its principal as long as it lives. The validated identity references the token
    /// with its parsed JSON claim sets (docs/benchmarks.md, "Connections per node"), which nothing reads after
    /// validation; the same claims in a plain identity, with the same name and role claim types, do not.
    /// </summary>
    private static Task DropTokenFromHubPrincipal(TokenValidatedContext context)
    {
        if (context.Principal?.Identity is ClaimsIdentity validated && context.HttpContext.Request.Path.StartsWithSegments(HubPathPrefix))
        {
            context.Principal = new ClaimsPrincipal(new ClaimsIdentity(
                validated.Claims.Select(c => new Claim(c.Type, c.Value, c.ValueType, c.Issuer, c.OriginalIssuer)),
                validated.AuthenticationType, validated.NameClaimType, validated.RoleClaimType));
        }

        return Task.CompletedTask;
    }
}
