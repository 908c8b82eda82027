namespace Engagement;

/// <summary>
/// The <c>reconnect</c> event: this node is going away. Open a new connection (through the same address; the load
/// balancer sends it to another node) after a random wait of up to <paramref name="SpreadMs"/>, re-join your
/// sessions, then drop this one. The server closes it at <paramref name="CloseAt"/>.
/// </summary>
/// <remarks>Sent by the draining node itself, never through Orleans; serializable all the same, as every payload.</remarks>
[GenerateSerializer, Immutable, Alias("engagement.reconnect-notice")]
public sealed record ReconnectNotice(
    [property: Id(0)] string Reason,
    [property: Id(1)] string Message,
    [property: Id(2)] DateTimeOffset CloseAt,
    [property: Id(3)] int SpreadMs)
{
    public const string Draining = "draining";
}
