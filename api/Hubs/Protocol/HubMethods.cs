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

    private static Dictionary<string, ParameterInfo[]> Build(params Type[] hubs)
    {
        // SignalR matches method names without regard to case.
        var result = new Dictionary<string, ParameterInfo[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var method in hubs.SelectMany(h => h.GetMethods(BindingFlags.Public | BindingFlags.Instance)))
        {
            // As SignalR does: Hub's own members (connect, disconnect, dispose) are not callable.
            if (method.IsSpecialName || method.GetBaseDefinition().DeclaringType is not { } origin || !origin.IsAssignableTo(typeof(EngagementHub))) continue;
            result[method.Name] = [.. method.GetParameters().Where(IsFromClient)];
        }
        return result;
    }

    private static bool IsFromClient(ParameterInfo parameter) =>
        parameter.ParameterType != typeof(CancellationToken)
        && parameter.GetCustomAttribute<FromServicesAttribute>() is null
        && parameter.GetCustomAttribute<FromKeyedServicesAttribute>() is null;
}
