using System.Text.Json;
using System.Text.Json.Nodes;

namespace Engagement.Api.Audit;

/// <summary>
/// The small summary of a change, from the request's JSON body: the names of the fields given ("fields"), and the
/// values of those the route lists as shown; an array body gives its length ("count"). Values of other fields —
/// passwords, tokens, URLs, texts — never reach the log.
/// </summary>
internal static class AuditSummary
{
    public static JsonObject Of(ReadOnlySpan<byte> body, IReadOnlyCollection<string> shown)
    {
        var summary = new JsonObject();
        if (body.IsEmpty) return summary;
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return summary; // the action succeeded without a JSON body (none is needed)
        }

        switch (root)
        {
            case JsonArray array:
                summary["count"] = array.Count;
                break;
            case JsonObject fields:
                var given = fields.Where(f => f.Value is not null).Select(f => f.Key).Order(StringComparer.Ordinal).ToArray();
                summary["fields"] = new JsonArray([.. given.Select(name => (JsonNode)JsonValue.Create(name))]);
                foreach (var name in given.Where(shown.Contains))
                    summary[name] = fields[name]!.DeepClone();
                break;
        }
        return summary;
    }
}
