using System.Reflection;
using System.Text.Json;
using Engagement.FunctionalTests.Api;

namespace Engagement.FunctionalTests.Contract;

/// <summary>One hub call of the battery and the code it must answer.</summary>
internal sealed record BadCall(string Method, object?[] Arguments, string Code, string Why);

/// <summary>
/// Builds the bad-input battery for any hub method from its parameters (so a new method is covered without a
/// new test): the wrong number of arguments, each argument of a wrong JSON type or an unknown enum name, each
/// string or collection over its limit, and another caller's session id. The other arguments are valid.
/// </summary>
internal static class BadArguments
{
    /// <summary>Longer than every string limit, still far under the hub frame limit.</summary>
    private static readonly string Oversized = new('x', Limits.Sdp + 1);

    public static IEnumerable<BadCall> For(string method, ParameterInfo[] parameters, string ownSession, string foreignSession, string queueId)
    {
        object? Valid(ParameterInfo p) => ValidValue(p, ownSession, queueId);
        object?[] With(int index, object? value) => [.. parameters.Select((p, i) => i == index ? value : Valid(p))];

        yield return new(method, [.. parameters.Select(Valid), null], ErrorCodes.Invalid, "one argument too many");
        if (parameters.Length > 0) yield return new(method, [], ErrorCodes.Invalid, "no arguments");
        for (var i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            yield return new(method, With(i, WrongType(p.ParameterType)), ErrorCodes.Invalid, $"{p.Name} of a wrong type");
            if (Oversize(p, queueId) is { } big) yield return new(method, With(i, big), ErrorCodes.TooLarge, $"{p.Name} over its limit");
            if (p.Name == "sessionId")
            {
                // Offers are judged by the offer (docs/protocol.md, Who may see a session); a pick by the queue, and the
                // battery's queue does not allow picking; supervision by the caller's role (the battery's caller is an agent).
                var code = method is "AcceptOffer" or "DeclineOffer" ? ErrorCodes.Conflict
                    : method is "PickSession" or "Monitor" or "Whisper" or "Barge" or "StopSupervising" or "WhisperAudio" ? ErrorCodes.Forbidden
                    : ErrorCodes.NotFound;
                yield return new(method, With(i, foreignSession), code, "another caller's session");
            }
        }
    }

    private static object? ValidValue(ParameterInfo p, string ownSession, string queueId) => p.Name switch
    {
        "sessionId" => ownSession,
        "queueId" => queueId,
        "request" when p.ParameterType == typeof(TransferRequest) => ApiClient.Json(new { toQueueId = queueId }),
        "request" => ApiClient.Json(new { queueId }),
        "sdp" => "v=0\r\n",
        "timeZone" => "Europe/Berlin",
        "email" => "visitor@example.com",
        "csat" => 5,
        "limit" => 10,
        "attachmentIds" => new[] { "f_x1" },
        _ when p.ParameterType == typeof(string) => "x1",
        _ when Nullable.GetUnderlyingType(p.ParameterType) is not null => null,
        _ when p.ParameterType == typeof(bool) => true,
        _ when p.ParameterType == typeof(int) || p.ParameterType == typeof(long) => 1,
        _ when p.ParameterType.IsEnum => JsonNamingPolicy.CamelCase.ConvertName(Enum.GetNames(p.ParameterType)[0]),
        _ => ApiClient.Json(new { }),
    };

    private static object WrongType(Type type) => type == typeof(string) ? 42
        : type.IsEnum ? "nonsense"
        : type == typeof(bool) || type.IsPrimitive || Nullable.GetUnderlyingType(type) is not null ? "x"
        : 42; // objects and dictionaries

    private static object? Oversize(ParameterInfo p, string queueId) => p.ParameterType switch
    {
        var t when t == typeof(string) => Oversized,
        var t when t.IsAssignableTo(typeof(System.Collections.IDictionary)) =>
            ApiClient.Json(Enumerable.Range(0, Limits.AttributesPerCustomer + 1).ToDictionary(i => $"k{i}", _ => "v")),
        var t when t == typeof(StartSessionRequest) => ApiClient.Json(new { queueId, topic = Oversized }),
        _ => null,
    };
}
