using System.Buffers;
using System.Text.Json;

namespace Engagement.Api.Hubs.Protocol;

/// <summary>
/// Explains why the arguments of a hub call could not be bound, as an <c>invalid</c> message naming the argument
/// and what it must be ("status is not one of "available", "away"."), by binding each argument of the frame again
/// on its own. The JSON protocol itself only says that binding failed.
/// </summary>
internal static class ArgumentErrors
{
    public static string Explain(ReadOnlySequence<byte> frame, string method, IReadOnlyList<Type> types, JsonSerializerOptions options)
    {
        var parameters = HubMethods.ClientParameters(method) is { } found && found.Length == types.Count ? found : null;
        string Name(int i) => parameters?[i].Name ?? $"argument {i + 1}";
        try
        {
            using var document = JsonDocument.Parse(frame);
            if (!document.RootElement.TryGetProperty("arguments", out var arguments) || arguments.ValueKind != JsonValueKind.Array)
                return $"{ErrorCodes.Invalid}: the invocation of '{method}' has no arguments array.";
            if (arguments.GetArrayLength() != types.Count)
            {
                var names = types.Count == 0 ? "none" : string.Join(", ", Enumerable.Range(0, types.Count).Select(Name));
                return $"{ErrorCodes.Invalid}: {method} takes {types.Count} argument(s) ({names}); {arguments.GetArrayLength()} were sent.";
            }
            var i = 0;
            foreach (var argument in arguments.EnumerateArray())
            {
                try
                {
                    JsonSerializer.Deserialize(argument, types[i], options);
                }
                catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
                {
                    var path = (e as JsonException)?.Path is { Length: > 1 } inner ? inner[1..] : "";
                    return path.Length == 0
                        ? $"{ErrorCodes.Invalid}: {Name(i)} must be {Describe(types[i])}."
                        : $"{ErrorCodes.Invalid}: {Name(i)}{path} has the wrong type (see docs/protocol.md).";
                }
                i++;
            }
        }
        catch (JsonException)
        {
            // Not parseable on its own: fall through to the general answer.
        }
        return $"{ErrorCodes.Invalid}: the arguments do not match {method} (see docs/protocol.md).";
    }

    /// <summary>What a JSON value of <paramref name="type"/> looks like, in the words of docs/protocol.md.</summary>
    public static string Describe(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner) return $"{Describe(inner)} or null";
        if (type.IsEnum)
            return "one of " + string.Join(", ", Enum.GetNames(type).Select(n => $"\"{JsonNamingPolicy.CamelCase.ConvertName(n)}\""));
        return Type.GetTypeCode(type) switch
        {
            TypeCode.String => "a string",
            TypeCode.Boolean => "true or false",
            TypeCode.Int16 or TypeCode.Int32 or TypeCode.Int64 or TypeCode.UInt16 or TypeCode.UInt32 or TypeCode.UInt64 => "a whole number",
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "a number",
            _ when type.IsAssignableTo(typeof(System.Collections.IDictionary)) => "an object of string values",
            _ when type.IsArray || type.IsAssignableTo(typeof(System.Collections.IEnumerable)) => "an array",
            _ => "an object",
        };
    }
}
