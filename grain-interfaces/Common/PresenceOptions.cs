namespace Engagement;

/// <summary>
/// Timing of connection liveness, shared by the API layer (which sends heartbeats for the connections
/// its silo holds) and the grains (which expire connections that stop heartbeating).
/// Bound from configuration section "Engagement:Presence".
/// </summary>
public sealed class PresenceOptions : ISettings<PresenceOptions>
{
    public const string Section = "Engagement:Presence";

    /// <summary>How often each silo reports its live connections to their grains.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A connection with no heartbeat for this long is considered dead (its silo died).</summary>
    public TimeSpan ConnectionTimeout { get; set; } = TimeSpan.FromSeconds(35);

    /// <summary>
    /// After an agent's last connection closes cleanly, how long presence waits for a reconnect
    /// (a page reload) before the agent goes offline and pending offers go back to the queue.
    /// </summary>
    public TimeSpan DisconnectGrace { get; set; } = TimeSpan.FromSeconds(5);

    static string ISettings<PresenceOptions>.Section => Section;

    public void Check(SettingsCheck check) => check
        .Positive(nameof(HeartbeatInterval), HeartbeatInterval)
        .That(ConnectionTimeout > HeartbeatInterval, nameof(ConnectionTimeout), $"must be longer than HeartbeatInterval ({HeartbeatInterval}), or every connection would expire between heartbeats (it is {ConnectionTimeout}).")
        .NotNegative(nameof(DisconnectGrace), DisconnectGrace);
}
