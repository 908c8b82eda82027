using System.Diagnostics.Metrics;

namespace Engagement.Api.Hubs;

/// <summary>Meter "Engagement.Hubs": this silo's SignalR connections and the chat messages through them, by hub (visitor, agent).</summary>
internal static class HubMetrics
{
    public const string MeterName = MeterNames.Hubs;
    private static readonly Meter Meter = new(MeterName);

    private static readonly UpDownCounter<long> Connections = Meter.CreateUpDownCounter<long>(
        "engagement.hub.connections", "{connection}", "Open SignalR connections on this silo, by hub");
    private static readonly Counter<long> MessagesReceived = Meter.CreateCounter<long>(
        "engagement.hub.messages.received", "{message}", "Chat messages sent by clients and acknowledged as durable, by hub");
    private static readonly Counter<long> MessagesSent = Meter.CreateCounter<long>(
        "engagement.hub.messages.sent", "{message}", "Chat messages handed to SignalR for one of this silo's connections, by hub");

    public static void Connected(string hub) => Connections.Add(1, Tag(hub));

    public static void Disconnected(string hub) => Connections.Add(-1, Tag(hub));

    public static void Received(HubKind hub) => MessagesReceived.Add(1, Tag(Name(hub)));

    public static void Sent(HubKind hub) => MessagesSent.Add(1, Tag(Name(hub)));

    /// <summary>The <c>hub</c> tag of a hub class: visitor, agent.</summary>
    public static string Name(Type hub) =>
        hub == typeof(VisitorHub) ? Name(HubKind.Visitor) : hub == typeof(AgentHub) ? Name(HubKind.Agent) : hub.Name;

    private static string Name(HubKind hub) => hub == HubKind.Agent ? "agent" : "visitor";

    private static KeyValuePair<string, object?> Tag(string hub) => new("hub", hub);
}
