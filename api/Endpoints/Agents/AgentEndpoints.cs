using Engagement.Api.Audit;
using Engagement.Audit;
using Engagement.Api.Auth;
using Engagement.Api.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Engagement.Api.Endpoints.Agents;

/// <summary>Staff accounts (admins only): create, list, read, replace.</summary>
internal static class AgentEndpoints
{
    /// <summary>What the audit log shows of a change to an account (the password only by name).</summary>
    private static readonly string[] Shown = ["role", "skills", "capacity", "queues"];

    public static IEndpointRouteBuilder MapAgentEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/agents").WithTags("Agents").RequireAuthorization(Policies.Admin);
        group.MapPost("/", Create).Audited(AuditActions.AgentCreate, "agent", null, Shown).WithSummary("Creates a staff account; 409 when the id or email is taken.");
        group.MapGet("/", List).WithSummary("Every staff account with its live status.");
        group.MapGet("/{agentId}", Get).WithSummary("One staff account with its live status.");
        group.MapPut("/{agentId}", Update).Audited(AuditActions.AgentUpdate, "agent", "agentId", Shown).WithSummary("Replaces a staff account's profile (and password when given).");
        return routes;
    }

    private static async Task<Created<AgentDetails>> Create(CreateAgentRequest request, IGrainFactory grains)
    {
        var agentId = request.AgentId is null ? PublicIds.NewAgentId() : InputRules.Id(request.AgentId, "agentId");
        var profile = AgentProfileRules.Build(agentId, request.DisplayName, request.Email, request.Role, request.Skills,
            request.Capacity, request.Queues, request.Title, request.PhotoUrl, request.SkillLevels, request.CallCapacity, request.CallBlocksChats);
        var password = AgentProfileRules.Password(request.Password);
        var agent = grains.GetAgent(agentId);
        if (await agent.GetProfile() is not null)
        {
            throw EngagementException.Conflict($"An agent with id '{agentId}' already exists.");
        }

        await QueueChecks.RequireExisting(grains, profile.Queues, "queues");
        await grains.GetRegistry().RegisterAgent(agentId, profile.Email);
        await agent.Configure(profile);
        await agent.SetPassword(password);
        return TypedResults.Created($"/api/agents/{agentId}", await DetailsOf(agent));
    }

    private static async Task<Ok<AgentDetails[]>> List(IGrainFactory grains)
    {
        var ids = await grains.GetRegistry().ListAgents();
        var details = await Task.WhenAll(ids.Select(async id =>
        {
            var agent = grains.GetAgent(id);
            return await agent.GetProfile() is { } profile ? new AgentDetails(profile, await agent.GetStatus()) : null;
        }));
        return TypedResults.Ok(details.OfType<AgentDetails>().OrderBy(d => d.Profile.DisplayName, StringComparer.OrdinalIgnoreCase).ToArray());
    }

    private static async Task<Ok<AgentDetails>> Get(string agentId, IGrainFactory grains) =>
        TypedResults.Ok(await DetailsOf(grains.GetAgent(InputRules.Id(agentId, "agentId"))));

    private static async Task<Ok<AgentDetails>> Update(string agentId, UpdateAgentRequest request, IGrainFactory grains)
    {
        InputRules.Id(agentId, "agentId");
        var profile = AgentProfileRules.Build(agentId, request.DisplayName, request.Email, request.Role, request.Skills,
            request.Capacity, request.Queues, request.Title, request.PhotoUrl, request.SkillLevels, request.CallCapacity, request.CallBlocksChats);
        var password = request.Password is null ? null : AgentProfileRules.Password(request.Password);
        var agent = grains.GetAgent(agentId);
        var existing = await agent.GetProfile() ?? throw EngagementException.NotFound($"Agent '{agentId}'");
        await QueueChecks.RequireExisting(grains, profile.Queues, "queues");
        if (!string.Equals(existing.Email, profile.Email, StringComparison.OrdinalIgnoreCase))
        {
            await grains.GetRegistry().RegisterAgent(agentId, profile.Email);
        }

        await agent.Configure(profile);
        if (password is not null)
        {
            await agent.SetPassword(password);
        }

        return TypedResults.Ok(await DetailsOf(agent));
    }

    private static async Task<AgentDetails> DetailsOf(IAgentGrain agent)
    {
        var profile = await agent.GetProfile() ?? throw EngagementException.NotFound($"Agent '{GrainKeys.IdOf(agent.GetPrimaryKeyString())}'");
        return new AgentDetails(profile, await agent.GetStatus());
    }
}
