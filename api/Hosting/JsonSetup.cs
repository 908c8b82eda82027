using System.Text.Json;
using System.Text.Json.Serialization;

namespace Engagement.Api.Hosting;

/// <summary>One JSON shape for SignalR and HTTP alike: camelCase properties, enums as camelCase strings.</summary>
public static class JsonSetup
{
    public static void Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        // Reading accepts names in any case ("Available", "available"), never numbers; writing is camelCase.
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
    }
}
