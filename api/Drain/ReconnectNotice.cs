namespace Engagement.Api.Drain;

/// <summary>
/// The <c>reconnect</c> event: this node is going away. Open a new connection (through the same address; the load
/// balancer sends it to another node) after a random wait of up to <paramref name="SpreadMs"/>, re-join your
/// sessions, then drop this one. The server closes it at <paramref name="CloseAt"/>.
/// </summary>
public sealed record ReconnectNotice(string Reason, string Message, DateTimeOffset CloseAt, int SpreadMs)
{
    public const string Draining = "draining";
}
