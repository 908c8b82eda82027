using Engagement.Api.Validation;

namespace Engagement.Api.Endpoints;

/// <summary>Checks that queues named in a request exist, so a typo fails now rather than silently never routing.</summary>
internal static class QueueChecks
{
    public static async Task RequireExisting(IGrainFactory grains, IEnumerable<string> queueIds, string field)
    {
        foreach (var queueId in queueIds)
        {
            if (await grains.GetQueue(queueId).GetDefinition() is null)
            {
                throw new InputException(field, $"Queue '{queueId}' does not exist; create it first (POST /api/queues).");
            }
        }
    }

    /// <summary>Every queue a routing step overflows to exists.</summary>
    public static Task RequireOverflowTargets(IGrainFactory grains, QueueDefinition definition) =>
        RequireExisting(grains, (definition.Routing?.Steps ?? []).Select(s => s.OverflowTo).OfType<string>().Distinct(), "routing.steps");
}
