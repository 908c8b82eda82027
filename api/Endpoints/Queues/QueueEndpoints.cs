using Engagement.Api.Audit;
using Engagement.Audit;
using Engagement.Api.Auth;
using Engagement.Api.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Engagement.Api.Endpoints.Queues;

/// <summary>Queues: admins create and change them; supervisors and admins read them with live figures; the widget reads a queue's pre-chat form.</summary>
internal static class QueueEndpoints
{
    /// <summary>What the audit log shows of a queue change (other fields by name).</summary>
    private static readonly string[] Shown = ["name", "skills", "offerTimeout", "slaTarget", "retentionDays"];

    public static IEndpointRouteBuilder MapQueueEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/queues").WithTags("Queues");
        group.MapPost("/", Create).RequireAuthorization(Policies.Admin).Audited(AuditActions.QueueCreate, "queue", null, Shown).WithSummary("Creates a queue; 409 when the id is taken.");
        group.MapPut("/{queueId}", Update).RequireAuthorization(Policies.Admin).Audited(AuditActions.QueueConfigure, "queue", "queueId", Shown).WithSummary("Replaces a queue's settings.");
        group.MapGet("/", List).RequireAuthorization(Policies.Supervisor).WithSummary("Every queue's settings.");
        group.MapGet("/{queueId}", Get).RequireAuthorization(Policies.Supervisor)
            .WithSummary("One queue's live snapshot: settings, waiting sessions, agents, SLA figures.");
        group.MapGet("/{queueId}/form", Form).RequireAuthorization(Policies.Authenticated)
            .WithSummary("The queue's pre-chat form, for the widget (any valid token); form is null when the queue asks nothing.");
        return routes;
    }

    private static async Task<Created<QueueDefinition>> Create(CreateQueueRequest request, IGrainFactory grains)
    {
        var queueId = InputRules.Id(request.QueueId, "queueId");
        var definition = QueueDefinitionRules.Build(queueId, request.Name, request.Skills, request.OfferTimeout, request.SlaTarget, request.Hours, request.PreChatForm, request.RetentionDays, request.Routing, request.Sla);
        await QueueChecks.RequireOverflowTargets(grains, definition);
        var queue = grains.GetQueue(queueId);
        if (await queue.GetDefinition() is not null)
        {
            throw EngagementException.Conflict($"A queue with id '{queueId}' already exists.");
        }

        var stored = await queue.Configure(definition);
        await grains.GetRegistry().RegisterQueue(queueId);
        return TypedResults.Created($"/api/queues/{queueId}", stored);
    }

    private static async Task<Ok<QueueDefinition>> Update(string queueId, UpdateQueueRequest request, IGrainFactory grains)
    {
        InputRules.Id(queueId, "queueId");
        var definition = QueueDefinitionRules.Build(queueId, request.Name, request.Skills, request.OfferTimeout, request.SlaTarget, request.Hours, request.PreChatForm, request.RetentionDays, request.Routing, request.Sla);
        var queue = grains.GetQueue(queueId);
        _ = await queue.GetDefinition() ?? throw EngagementException.NotFound($"Queue '{queueId}'");
        await QueueChecks.RequireOverflowTargets(grains, definition);
        return TypedResults.Ok(await queue.Configure(definition));
    }

    private static async Task<Ok<QueueDefinition[]>> List(IGrainFactory grains)
    {
        var ids = await grains.GetRegistry().ListQueues();
        var definitions = await Task.WhenAll(ids.Select(id => grains.GetQueue(id).GetDefinition()));
        return TypedResults.Ok(definitions.OfType<QueueDefinition>().OrderBy(d => d.QueueId, StringComparer.Ordinal).ToArray());
    }

    private static async Task<Ok<QueueSnapshot>> Get(string queueId, IGrainFactory grains)
    {
        var queue = grains.GetQueue(InputRules.Id(queueId, "queueId"));
        _ = await queue.GetDefinition() ?? throw EngagementException.NotFound($"Queue '{queueId}'");
        return TypedResults.Ok(await queue.GetSnapshot());
    }

    private static async Task<Ok<QueueForm>> Form(string queueId, IGrainFactory grains)
    {
        var definition = await grains.GetQueue(InputRules.Id(queueId, "queueId")).GetDefinition() ?? throw EngagementException.NotFound($"Queue '{queueId}'");
        return TypedResults.Ok(new QueueForm(definition.QueueId, definition.PreChatForm));
    }
}
