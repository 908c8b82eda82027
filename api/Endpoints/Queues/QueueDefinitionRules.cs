using Engagement.Api.Validation;

namespace Engagement.Api.Endpoints.Queues;

/// <summary>Validates a queue's settings and builds its definition.</summary>
internal static class QueueDefinitionRules
{
    public static QueueDefinition Build(
        string queueId, string? name, string[]? skills, TimeSpan? offerTimeout, TimeSpan? slaTarget, BusinessHours? hours = null,
        PreChatForm? form = null, int? retentionDays = null, RoutingPolicy? routing = null, SlaPolicy? sla = null) => new(
        queueId,
        InputRules.RequiredText(name, Limits.Name, "name"),
        InputRules.IdList(skills, Limits.Skills, "skills"),
        Within(offerTimeout ?? QueueDefinition.DefaultOfferTimeout, QueueDefinition.MinOfferTimeout, QueueDefinition.MaxOfferTimeout, "offerTimeout"),
        Within(slaTarget ?? QueueDefinition.DefaultSlaTarget, QueueDefinition.MinSlaTarget, QueueDefinition.MaxSlaTarget, "slaTarget"),
        hours is null ? null : Hours(hours),
        form is null ? null : PreChatFormRules.Check(form),
        retentionDays is null ? null : Retention(retentionDays.Value),
        routing is null ? null : Routing(queueId, routing),
        sla is null ? null : Sla(sla, hours is not null));

    /// <summary>The SLA policy's own rules (<see cref="SlaPolicyRules.Validate"/>), answered as a 400 on the field "sla".</summary>
    private static SlaPolicy Sla(SlaPolicy sla, bool hasHours)
    {
        try
        {
            return SlaPolicyRules.Validate(sla, hasHours);
        }
        catch (EngagementException e)
        {
            throw e.Code == ErrorCodes.TooLarge ? InputException.TooLarge("sla", e.Message) : new InputException("sla", e.Message);
        }
    }

    /// <summary>The policy's own rules (<see cref="RoutingPolicyRules.Validate"/>), answered as a 400 on the field "routing".</summary>
    private static RoutingPolicy Routing(string queueId, RoutingPolicy routing)
    {
        try
        {
            return RoutingPolicyRules.Validate(queueId, routing);
        }
        catch (EngagementException e)
        {
            throw e.Code == ErrorCodes.TooLarge ? InputException.TooLarge("routing", e.Message) : new InputException("routing", e.Message);
        }
    }

    private static int Retention(int days) => days is >= Limits.RetentionDaysMin and <= Limits.RetentionDaysMax
        ? days
        : throw new InputException("retentionDays", $"retentionDays is {Limits.RetentionDaysMin} to {Limits.RetentionDaysMax}.");

    /// <summary>Business hours: a known IANA zone, spans that open before they close (00:00 closes at midnight), within the limits.</summary>
    private static BusinessHours Hours(BusinessHours hours)
    {
        var zone = InputRules.RequiredText(hours.TimeZone, Limits.TimeZone, "hours.timeZone");
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _)) throw new InputException("hours.timeZone", $"'{zone}' is not a known IANA time zone.");
        var weekly = hours.Weekly ?? [];
        if (weekly.Length > Limits.OpeningSpans) throw InputException.TooLarge("hours.weekly", $"hours.weekly holds at most {Limits.OpeningSpans} spans.");
        foreach (var span in weekly)
        {
            if (!Enum.IsDefined(span.Day)) throw new InputException("hours.weekly", "A span's day is monday to sunday.");
            if (span.Closes != TimeOnly.MinValue && span.Closes <= span.Opens)
                throw new InputException("hours.weekly", $"A span must close after it opens ({span.Day} {span.Opens:HH:mm}–{span.Closes:HH:mm}); 00:00 closes at midnight.");
        }
        var holidays = hours.Holidays ?? [];
        if (holidays.Length > Limits.Holidays) throw InputException.TooLarge("hours.holidays", $"hours.holidays holds at most {Limits.Holidays} dates.");
        return new BusinessHours(zone, weekly, [.. holidays.Distinct().Order()]);
    }

    private static TimeSpan Within(TimeSpan value, TimeSpan min, TimeSpan max, string field) =>
        value >= min && value <= max
            ? value
            : throw new InputException(field, $"{field} must be between {min:c} and {max:c}.");
}
