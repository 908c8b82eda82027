using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Api.Hubs.Protocol;

/// <summary>
/// The client-facing parameters of every hub method (names as in docs/protocol.md), read from the hub classes, so
/// that an argument the JSON protocol could not bind can be named in the error. Methods of both hubs are listed
/// together: where a name is on both, it is the shared <see cref="EngagementHub"/> method.
/// </summary>
internal static class HubMethods
{
    private static readonly Dictionary<string, ParameterInfo[]> Parameters = Build(typeof(VisitorHub), typeof(AgentHub));

    /// <summary>The parameters a client sends to <paramref name="method"/> (services and cancellation left out), or null.</summary>
    public static ParameterInfo[]? ClientParameters(string method) => Parameters.GetValueOrDefault(method);

    /// <summary>The methods a client may call on <paramref name="hub"/>, with their client-facing parameters.</summary>
    public static IEnumerable<(string Name, ParameterInfo[] Parameters)> Of(Type hub) =>
        hub.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            // As SignalR does: Hub's own members (connect, disconnect, dispose) are not callable.
            .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType is { } origin && origin.IsAssignableTo(typeof(EngagementHub)))
            .Select(m => (m.Name, m.GetParameters().Where(IsFromClient).ToArray()));

    private static Dictionary<string, ParameterInfo[]> Build(params Type[] hubs)
    {
        // SignalR matches method names without regard to case.
        var result = new Dictionary<string, ParameterInfo[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, parameters) in hubs.SelectMany(Of)) result[name] = parameters;
        return result;
    }

    private static bool IsFromClient(ParameterInfo parameter) =>
        parameter.ParameterType != typeof(CancellationToken)
        && parameter.GetCustomAttribute<FromServicesAttribute>() is null
        && parameter.GetCustomAttribute<FromKeyedServicesAttribute>() is null;
}
