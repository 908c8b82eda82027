namespace Engagement.Sessions;

/// <summary>
/// What happens to a session without anyone asking: a waiting visitor who went offline abandons it,
/// and a wrap-up nobody finishes is closed by a durable reminder.
/// </summary>
internal sealed partial class SessionGrain : IRemindable
{
    private const string WrapUpReminder = "wrap-up-timeout";
    private long _presenceVersion;

    public async Task CustomerPresenceChanged(CustomerPresenceView presence)
    {
        if (!S.Exists || SessionLifecycle.IsEnded(S.Status) || presence.Version < _presenceVersion) return;
        _presenceVersion = presence.Version;
        _connections.Push(new ClientEvent(ClientEvents.CustomerPresence, presence), c => c.IsStaff);
        // The customer's own grace period has passed: this is a visitor who closed the site, not a page reload.
        if (presence.Overall == CustomerPresence.Offline && SessionLifecycle.IsWaiting(S.Status))
            await AbandonAsync(S.CustomerId, "The visitor left the site before an agent answered.");
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != WrapUpReminder) return;
        if (S.Status == SessionStatus.WrapUp)
            await Close(Caller.System("wrap-up-timeout"), S.Outcome); // also ends the reminder
        else if (await this.GetReminder(WrapUpReminder) is { } reminder)
            await this.UnregisterReminder(reminder);
    }

    /// <summary>Called when the session enters wrap-up.</summary>
    private async Task ScheduleWrapUpTimeoutAsync()
    {
        var timeout = sessionOptions.Value.WrapUpTimeout;
        await this.RegisterOrUpdateReminder(WrapUpReminder, timeout, timeout < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : timeout);
    }

    private async Task AbandonAsync(string visitorId, string why)
    {
        S.Status = SessionStatus.Abandoned;
        S.OfferedTo = null;
        S.Timings = S.Timings with { AbandonedAt = Now };
        MarkLeft(visitorId);
        await _writer.WriteAsync();
        await GrainFactory.GetQueue(S.QueueId).Cancel(Id);
        await GrainFactory.GetCustomer(S.CustomerId).SessionEnded(Id);
        await AppendEventAsync(why);
    }
}
