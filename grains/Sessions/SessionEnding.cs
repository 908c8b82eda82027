namespace Engagement.Sessions;

/// <summary>
/// How a session ends: the visitor leaves (a waiting session is abandoned, an active one goes to wrap-up), the
/// agent wraps up, staff close it with an outcome, and a wrap-up nobody finishes is closed by a durable reminder,
/// so it happens even if every silo restarts in between. Ending the conversation ends its call and releases the
/// colleagues in it (SessionConference).
/// </summary>
internal sealed class SessionEnding(
    SessionCore core, SessionCall call, SessionFeedback feedback, SessionTransfer transfer, SessionConference conference, IGrainBase grain, SessionOptions options, SessionSla sla)
{
    /// <summary>The reminder that closes a session left in wrap-up (<see cref="SessionOptions.WrapUpTimeout"/>).</summary>
    public const string WrapUpReminder = "wrap-up-timeout";

    private SessionState S => core.S;

    public async Task<SessionView> Leave(Caller caller)
    {
        core.EnsureAllowed(caller, core.IsVisitor(caller), "Only the session's visitor can leave it; agents wrap up or close.");
        if (SessionLifecycle.IsWaiting(S.Status))
        {
            await AbandonAsync(caller.Id, "The visitor left before an agent answered.");
        }
        else if (S.Status == SessionStatus.Active)
        {
            S.Status = SessionStatus.WrapUp;
            S.Timings = S.Timings with { WrapUpAt = core.Now };
            core.MarkLeft(caller.Id);
            await core.Writer.WriteAsync();
            await sla.EndedAsync();
            await ScheduleWrapUpTimeoutAsync();
            await core.Transcript.AppendEventAsync("The visitor left the conversation.");
            await call.EndAsync("session ended", "The call ended with the conversation.");
            await transfer.EndedAsync();
            await conference.EndedAsync();
        }
        core.PushSession();
        return core.ViewFor(caller);
    }

    public async Task<SessionView> WrapUp(Caller caller)
    {
        core.EnsureAllowed(caller, core.IsAssignedAgent(caller) || caller.IsPrivileged, "Only the assigned agent, supervisors and admins wrap up this session.");
        if (S.Status == SessionStatus.WrapUp) return core.View();
        SessionLifecycle.EnsureCanMove(S.Status, SessionStatus.WrapUp);
        S.Status = SessionStatus.WrapUp;
        S.Timings = S.Timings with { WrapUpAt = core.Now };
        await core.Writer.WriteAsync();
        await sla.EndedAsync();
        await ScheduleWrapUpTimeoutAsync();
        await core.Transcript.AppendEventAsync("The agent ended the conversation.");
        await call.EndAsync("session ended", "The call ended with the conversation.");
        await transfer.EndedAsync();
        await conference.EndedAsync();
        core.PushSession();
        return core.View();
    }

    public async Task<SessionView> Close(Caller caller, string? outcome)
    {
        core.EnsureAllowed(caller, core.IsAssignedAgent(caller) || caller.IsPrivileged, "Only the assigned agent, supervisors and admins close this session.");
        if (outcome is { Length: > Limits.Outcome }) throw EngagementException.TooLarge($"An outcome is at most {Limits.Outcome} characters.");
        if (S.Status == SessionStatus.Closed) return core.View();
        SessionLifecycle.EnsureCanMove(S.Status, SessionStatus.Closed);
        S.Status = SessionStatus.Closed;
        S.Outcome = string.IsNullOrWhiteSpace(outcome) ? null : outcome.Trim();
        S.Timings = S.Timings with { ClosedAt = core.Now };
        await core.Writer.WriteAsync();
        await sla.EndedAsync();
        feedback.ReportClosed();
        if (await grain.GetReminder(WrapUpReminder) is { } reminder) await grain.UnregisterReminder(reminder);
        await call.EndAsync("session ended", "The call ended with the conversation.");
        await transfer.EndedAsync();
        await conference.EndedAsync();
        if (S.AssignedAgentId is { } agentId) await core.Grains.GetAgent(agentId).SessionReleased(core.Id);
        await core.Grains.GetCustomer(S.CustomerId).SessionEnded(core.Id);
        // The transcript is the visitor's too: the outcome (a "sale", "spam") is the staff's, in the view they get.
        await core.Transcript.AppendEventAsync("The session was closed.");
        core.PushSession();
        return core.View();
    }

    /// <summary>The wrap-up reminder fired: close the session if it is still in wrap-up, else just drop the reminder.</summary>
    public async Task WrapUpTimedOutAsync()
    {
        if (S.Status == SessionStatus.WrapUp)
            await Close(Caller.System("wrap-up-timeout"), S.Outcome); // also ends the reminder
        else if (await grain.GetReminder(WrapUpReminder) is { } reminder)
            await grain.UnregisterReminder(reminder);
    }

    /// <summary>The visitor went before an agent answered: the queue lets the session go, and nothing more happens.</summary>
    public async Task AbandonAsync(string visitorId, string why)
    {
        S.Status = SessionStatus.Abandoned;
        S.OfferedTo = null;
        S.Timings = S.Timings with { AbandonedAt = core.Now };
        core.MarkLeft(visitorId);
        await core.Writer.WriteAsync();
        await sla.EndedAsync();
        feedback.ReportAbandoned();
        await core.Grains.GetQueue(S.QueueId).Cancel(core.Id);
        await core.Grains.GetCustomer(S.CustomerId).SessionEnded(core.Id);
        await core.Transcript.AppendEventAsync(why);
    }

    /// <summary>Called when the session enters wrap-up: first due at the timeout (Orleans wants a period of at least a minute).</summary>
    private async Task ScheduleWrapUpTimeoutAsync()
    {
        var timeout = options.WrapUpTimeout;
        await grain.RegisterOrUpdateReminder(WrapUpReminder, timeout, timeout < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : timeout);
    }
}
