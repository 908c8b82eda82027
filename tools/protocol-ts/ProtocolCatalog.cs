using System.Reflection;
using Engagement.Api.Cluster;
using Engagement.Api.Endpoints.Contacts;
using Engagement.Api.Endpoints.Conversations;
using Engagement.Api.Endpoints.Login;
using Engagement.Api.Endpoints.Queues;
using Engagement.Api.Endpoints.Visitors;
using Engagement.Api.Hubs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;

namespace Engagement.ProtocolTs;

/// <summary>One event clients receive: its name and the type of its payload.</summary>
public sealed record EventContract(string Name, Type Payload);

/// <summary>
/// What the protocol sends and takes, read from the C# contracts themselves: every event from
/// <see cref="ClientEvent"/>'s factories, every type the hubs' methods take or return, and the REST answers the
/// front ends read that no hub method has.
/// </summary>
public static class ProtocolCatalog
{
    /// <summary>
    /// REST answers that are not also hub payloads (sign-in, the visitor token, the shared inbox's lists and search, a
    /// queue's pre-chat form, the contacts view, historical reports, the widget's settings, the operator's cluster view).
    /// </summary>
    private static readonly Type[] RestOnly =
    [
        typeof(LoginResponse), typeof(VisitorTokenResponse), typeof(ConversationPage), typeof(SearchHit), typeof(QueueForm),
        typeof(ContactPage), typeof(ContactDetail), typeof(AttachmentLink), typeof(ReportSummary), typeof(ReportSeries),
        typeof(WidgetSettings), typeof(ClusterSnapshot),
    ];

    /// <summary>
    /// Every event, in the order its factory is declared. A factory is run with no payload to learn its name: the
    /// name is the one fact a factory adds to its signature.
    /// </summary>
    public static IReadOnlyList<EventContract> Events { get; } = typeof(ClientEvent)
        .GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Where(m => m.ReturnType == typeof(ClientEvent) && m.GetParameters().Length == 1)
        .OrderBy(m => m.MetadataToken)
        .Select(m => new EventContract(((ClientEvent)m.Invoke(null, [null])!).Name, m.GetParameters()[0].ParameterType))
        .ToList();

    /// <summary>The types the TypeScript file declares from, in a stable order: events, hub methods, REST.</summary>
    public static IEnumerable<Type> Roots() =>
        Events.Select(e => e.Payload).Concat(HubMethods().SelectMany(m => Arguments(m).Append(m.ReturnType))).Concat(RestOnly);

    /// <summary>What clients send as hub arguments: in TypeScript, their properties with a default may be left out.</summary>
    public static IReadOnlySet<Type> Inputs() => HubMethods().SelectMany(Arguments).ToHashSet();

    /// <summary>The hubs' methods, as clients invoke them.</summary>
    private static IEnumerable<MethodInfo> HubMethods() =>
        new[] { typeof(VisitorHub), typeof(AgentHub) }
            .SelectMany(hub => hub.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            .Where(m => m.DeclaringType is { } d && d != typeof(Hub) && d.IsAssignableTo(typeof(Hub)) && !m.IsSpecialName
                        && !m.Name.StartsWith("On", StringComparison.Ordinal) && m.Name != nameof(Hub.Dispose))
            .OrderBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => m.MetadataToken);

    /// <summary>A method's arguments from the client (services the hub injects are not).</summary>
    private static IEnumerable<Type> Arguments(MethodInfo method) =>
        method.GetParameters().Where(p => p.GetCustomAttribute<FromServicesAttribute>() is null).Select(p => p.ParameterType);
}
