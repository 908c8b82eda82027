using System.Globalization;
using System.Text.Json;
using Engagement.Api.Validation;

namespace Engagement.Api.Endpoints.Context;

/// <summary>
/// Checks posted context signals and turns them into stream items. Every failure throws
/// <see cref="InputException"/> naming the signal and value at fault ("signals[2].values.latitude").
/// Limits are <see cref="Limits"/>'s and these few of its own, in docs/protocol.md (Ingestion).
/// </summary>
public static class SignalRules
{
    public const int UnitMax = 32;
    public const int ChannelMax = 32;
    public static readonly TimeSpan FutureSkew = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan OldestAccepted = TimeSpan.FromDays(365);

    private static readonly Dictionary<string, ContextSignalKind> Kinds = Enum.GetValues<ContextSignalKind>()
        .ToDictionary(k => JsonNamingPolicy.CamelCase.ConvertName(k.ToString()), StringComparer.OrdinalIgnoreCase);

    public static ContextSignal[] Batch(SignalBatchRequest? request, string customerId, string source, DateTimeOffset now)
    {
        var signals = request?.Signals ?? throw new InputException("signals", "signals is required: an array of 1 to 100 signals.");
        if (signals.Count > Limits.SignalsPerBatch)
            throw InputException.TooLarge("signals", $"signals must hold 1 to {Limits.SignalsPerBatch} signals (it has {signals.Count}).");
        if (signals.Count == 0) throw new InputException("signals", $"signals must hold 1 to {Limits.SignalsPerBatch} signals (it has none).");
        return [.. signals.Select((signal, i) => Signal(signal, $"signals[{i}]", customerId, source, now))];
    }

    private static ContextSignal Signal(SignalInput? input, string at, string customerId, string source, DateTimeOffset now)
    {
        if (input is null) throw new InputException(at, $"{at} is null.");
        if (input.Kind is null || !Kinds.TryGetValue(input.Kind, out var kind))
            throw new InputException($"{at}.kind", $"{at}.kind must be one of {string.Join(", ", Kinds.Keys)}.");
        var values = Values(input.Values, $"{at}.values");
        var when = input.At?.ToUniversalTime() ?? now;
        if (when > now + FutureSkew || when < now - OldestAccepted)
            throw new InputException($"{at}.at", $"{at}.at must be within the last year and not more than 5 minutes ahead.");
        var name = InputRules.OptionalText(input.Name, kind == ContextSignalKind.Fact ? Limits.AttributeKey : Limits.Name, $"{at}.name");
        var field = $"{at}.values";
        switch (kind)
        {
            case ContextSignalKind.Device:
                Require(name, $"{at}.name", "the reading's name, e.g. \"temperature\"");
                Require(values.GetValueOrDefault("value"), $"{field}.value", "the reading");
                if (values.TryGetValue("deviceId", out var deviceId)) InputRules.Id(deviceId, $"{field}.deviceId");
                Length(values, "unit", UnitMax, field);
                break;
            case ContextSignalKind.Location:
                Location(values, field);
                break;
            case ContextSignalKind.Weather:
                if (!values.ContainsKey("summary") && !values.ContainsKey("temperatureC"))
                    throw new InputException(field, $"{field} needs summary or temperatureC.");
                Number(values, "temperatureC", -100, 70, field);
                if (values.ContainsKey("observedAt") && !DateTimeOffset.TryParse(values["observedAt"], CultureInfo.InvariantCulture, out _))
                    throw new InputException($"{field}.observedAt", $"{field}.observedAt must be an ISO 8601 time.");
                break;
            case ContextSignalKind.Fact:
                Require(name, $"{at}.name", "the fact, e.g. \"plan\"");
                Require(values.GetValueOrDefault("value"), $"{field}.value", "the fact's value");
                break;
            case ContextSignalKind.Interaction:
                Require(values.GetValueOrDefault("channel"), $"{field}.channel", "the channel, e.g. \"phone\"");
                Require(values.GetValueOrDefault("summary"), $"{field}.summary", "what happened");
                Length(values, "channel", ChannelMax, field);
                Length(values, "outcome", Limits.Outcome, field);
                break;
            case ContextSignalKind.Event:
                Require(name, $"{at}.name", "the event's name");
                break;
            case ContextSignalKind.PageView:
                Require(values.GetValueOrDefault("url"), $"{field}.url", "the page");
                Length(values, "url", Limits.Url, field);
                Length(values, "referrer", Limits.Url, field);
                Length(values, "title", Limits.Title, field);
                break;
        }
        return new ContextSignal(customerId, kind, name ?? JsonNamingPolicy.CamelCase.ConvertName(kind.ToString()), values, when, source);
    }

    /// <summary>Free-form properties (widget track()): like posted values, from strings.</summary>
    public static Dictionary<string, string> Properties(IReadOnlyDictionary<string, string?>? properties, string field)
    {
        if (properties is null) return [];
        if (properties.Count > Limits.EventProperties) throw InputException.TooLarge(field, $"{field} has more than {Limits.EventProperties} keys.");
        var result = InputRules.Attributes(properties, field);
        return result;
    }

    private static Dictionary<string, string> Values(Dictionary<string, JsonElement>? values, string field)
    {
        if (values is null) return [];
        if (values.Count > Limits.EventProperties) throw InputException.TooLarge(field, $"{field} has more than {Limits.EventProperties} keys.");
        var result = new Dictionary<string, string>(values.Count, StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            if (key.Length > Limits.AttributeKey) throw InputException.TooLarge(field, $"{field} keys are at most {Limits.AttributeKey} characters.");
            if (key.Length == 0 || key.Any(char.IsControl))
                throw new InputException(field, $"{field} keys must be 1 to {Limits.AttributeKey} characters without control characters.");
            var text = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString()!,
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => throw new InputException($"{field}.{key}", $"{field}.{key} must be a string, number or boolean."),
            };
            if (text.Length > Limits.AttributeValue)
                throw InputException.TooLarge($"{field}.{key}", $"{field}.{key} is longer than {Limits.AttributeValue} characters.");
            result[key] = text;
        }
        return result;
    }

    private static void Location(Dictionary<string, string> values, string field)
    {
        string[] place = ["city", "region", "country", "latitude", "longitude", "timeZone"];
        if (!place.Any(values.ContainsKey)) throw new InputException(field, $"{field} needs city, region, country, latitude and longitude, or timeZone.");
        if (values.ContainsKey("latitude") != values.ContainsKey("longitude"))
            throw new InputException(field, $"{field} needs latitude and longitude together.");
        Number(values, "latitude", -90, 90, field);
        Number(values, "longitude", -180, 180, field);
        foreach (var key in new[] { "city", "region", "country" }) Length(values, key, Limits.Name, field);
        Length(values, "timeZone", Limits.TimeZone, field);
        if (values.TryGetValue("timeZone", out var zone) && !TimeZoneIds.IsKnown(zone))
            throw new InputException($"{field}.timeZone", $"{field}.timeZone must be an IANA time zone such as \"Europe/Berlin\".");
    }

    private static void Require(string? value, string field, string what)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new InputException(field, $"{field} is required ({what}).");
    }

    private static void Length(Dictionary<string, string> values, string key, int max, string field)
    {
        if (values.TryGetValue(key, out var value) && value.Length > max) throw InputException.TooLarge($"{field}.{key}", $"{field}.{key} is longer than {max} characters.");
    }

    private static void Number(Dictionary<string, string> values, string key, double min, double max, string field)
    {
        if (!values.TryGetValue(key, out var text)) return;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number) || number < min || number > max)
            throw new InputException($"{field}.{key}", $"{field}.{key} must be a number from {min} to {max}.");
    }
}
