using Engagement.Api.Validation;

namespace Engagement.Api.Endpoints.Queues;

/// <summary>Validates a queue's settings and builds its definition.</summary>
internal static class QueueDefinitionRules
{

    public static QueueDefinition Build(string queueId, string? name, string[]? skills, TimeSpan? offerTimeout, TimeSpan? slaTarget) => new(
        queueId,
        InputRules.RequiredText(name, Limits.Name, "name"),
        InputRules.IdList(skills, Limits.Skills, "skills"),
        Within(offerTimeout ?? QueueDefinition.DefaultOfferTimeout, QueueDefinition.MinOfferTimeout, QueueDefinition.MaxOfferTimeout, "offerTimeout"),
        Within(slaTarget ?? QueueDefinition.DefaultSlaTarget, QueueDefinition.MinSlaTarget, QueueDefinition.MaxSlaTarget, "slaTarget"));

    private static TimeSpan Within(TimeSpan value, TimeSpan min, TimeSpan max, string field) =>
        value >= min && value <= max
            ? value
            : throw new InputException(field, $"{field} must be between {min:c} and {max:c}.");
}
