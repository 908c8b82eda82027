using Engagement.Realtime;

namespace Engagement.Sessions;

/// <summary>
/// What the customer grain tells the session, one-way and versioned: presence and live context, relayed to the
/// session's staff connections (older reports are dropped), and a waiting visitor who left the site, which
/// abandons the session without anyone asking.
/// </summary>
internal sealed class CustomerRelay(SessionCore core, SessionEnding ending)
{
    private long _presenceVersion;
    private long _contextVersion;

    private SessionState S => core.S;

    public async Task CustomerPresenceChanged(CustomerPresenceView presence)
    {
        if (!S.Exists || SessionLifecycle.IsEnded(S.Status) || presence.Version < _presenceVersion) return;
        _presenceVersion = presence.Version;
        core.Connections.Push(ClientEvent.CustomerPresence(presence), c => c.IsStaff);
        // The customer's own grace period has passed: this is a visitor who closed the site, not a page reload.
        if (presence.Overall == CustomerPresence.Offline && SessionLifecycle.IsWaiting(S.Status))
            await ending.AbandonAsync(S.CustomerId, "The visitor left the site before an agent answered.");
    }

    public Task ContextChanged(CustomerContext context)
    {
        if (!S.Exists || SessionLifecycle.IsEnded(S.Status) || context.Version < _contextVersion) return Task.CompletedTask;
        _contextVersion = context.Version;
        core.Connections.Push(ClientEvent.CustomerContext(context), c => c.IsStaff);
        return Task.CompletedTask;
    }
}
