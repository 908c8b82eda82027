using Engagement.Common;
using Engagement.Media;
using Engagement.Realtime;
using Engagement.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engagement.Sessions;

/// <summary>
/// One engagement. Reentrant so that sends pipeline through the group-committing transcript store;
/// every method checks and changes state before its first await, and state writes go through one
/// <see cref="CoalescingWriter"/>. This file holds the lifecycle; SessionGrain.Transcript.cs the messages.
/// </summary>
[Reentrant, GrainType("session")]
internal sealed partial class SessionGrain(
    [PersistentState("session", "store")] IPersistentState<SessionState> state,
    ITranscriptStore transcript,
    TimeProvider clock,
    IOptions<SessionOptions> sessionOptions,
    IOptions<PresenceOptions> presenceOptions,
    IMediaEngine media,
    ClientPush push,
    ILogger<SessionGrain> logger) : Grain, ISessionGrain
{
    private readonly Listeners<Caller> _connections = new(push, presenceOptions.Value, clock);
    private CoalescingWriter _writer = null!;
    private TranscriptSequencer _sequencer = null!;
    private QueuePosition? _lastPosition;
    private Task? _starting;

    private SessionState S => state.State;
    private string Id => GrainKeys.IdOf(this.GetPrimaryKeyString());
    private DateTimeOffset Now => clock.GetUtcNow();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _writer = new CoalescingWriter(state.WriteStateAsync);
        var tail = S.Exists ? await transcript.ReadTailAsync(Id, 200, cancellationToken) : [];
        _sequencer = new TranscriptSequencer(tail);
        // Connections may have joined an earlier activation (lost with a silo or its directory entry): ask their silos.
        if (S.Exists && !SessionLifecycle.IsEnded(S.Status)) push.RequestRenewalsAsync(new ListenerKey(ListenerKind.Session, Id)).Ignore();
    }

    /// <summary>
    /// Safe to repeat: the visitor's hub derives the session id from the client's request id, so a retry after a
    /// lost answer (or a failure half-way) reaches this grain again and finishes what the first attempt began.
    /// </summary>
    public async Task<SessionView> Start(Caller visitor, StartSessionRequest request)
    {
        if (visitor.Kind != CallerKind.Visitor) throw EngagementException.Forbidden("Only visitors start sessions.");
        // A repeat must be the same request; anything else reusing the id is a conflict.
        if (S.Exists && (!IsVisitor(visitor) || S.QueueId != request.QueueId)) throw EngagementException.Conflict("This session already exists.");
        var starting = _starting ??= StartOnceAsync(visitor, request);
        try
        {
            await starting;
        }
        catch
        {
            if (_starting == starting) _starting = null;
            throw;
        }
        return ViewFor(visitor);
    }

    private async Task StartOnceAsync(Caller visitor, StartSessionRequest request)
    {
        var queue = GrainFactory.GetQueue(request.QueueId);
        if (!S.Exists)
        {
            var definition = await queue.GetDefinition() ?? throw EngagementException.NotFound($"Queue '{request.QueueId}'");
            if (request.AgentId is { } chosen) await EnsureRepresentativeCanWaitAsync(chosen, definition.QueueId);
            var now = Now;
            S.Exists = true;
            S.CustomerId = visitor.Id;
            S.CustomerIds = [visitor.Id];
            S.QueueId = definition.QueueId;
            S.Topic = request.Topic;
            S.RequiredSkills = request.RequiredSkills is { Length: > 0 } skills ? skills : definition.Skills;
            S.Channel = request.Channel;
            S.PreferredAgentId = request.AgentId;
            S.Status = SessionStatus.Requested;
            S.Timings = new SessionTimings(now);
            S.Participants = [new Participant(visitor.Id, ParticipantRole.Visitor, visitor.DisplayName ?? "Visitor", now, null)];
            await _writer.WriteAsync();
        }
        if (S.Status != SessionStatus.Requested) return;

        await GrainFactory.GetCustomer(S.CustomerId).SessionStarted(Id);
        var queuedAt = Now;
        _lastPosition = await GrainFactory.GetQueue(S.QueueId).Enqueue(new QueuedSession(Id, S.CustomerId, S.Topic, S.RequiredSkills, queuedAt, null, null, S.PreferredAgentId));
        if (S.Status == SessionStatus.Requested) S.Status = SessionStatus.Queued;
        S.Timings = S.Timings with { QueuedAt = queuedAt };
        await _writer.WriteAsync();
        PushSession();
    }

    public Task<SessionView> Get(Caller caller)
    {
        EnsureVisible(caller);
        return Task.FromResult(ViewFor(caller));
    }

    public async Task<SessionView> Leave(Caller caller)
    {
        EnsureAllowed(caller, IsVisitor(caller), "Only the session's visitor can leave it; agents wrap up or close.");
        if (SessionLifecycle.IsWaiting(S.Status))
        {
            await AbandonAsync(caller.Id, "The visitor left before an agent answered.");
        }
        else if (S.Status == SessionStatus.Active)
        {
            S.Status = SessionStatus.WrapUp;
            S.Timings = S.Timings with { WrapUpAt = Now };
            MarkLeft(caller.Id);
            await _writer.WriteAsync();
            await ScheduleWrapUpTimeoutAsync();
            await AppendEventAsync("The visitor left the conversation.");
            await EndCallAsync("session ended", "The call ended with the conversation.");
        }
        PushSession();
        return ViewFor(caller);
    }

    public async Task<SessionView> WrapUp(Caller caller)
    {
        EnsureAllowed(caller, IsAssignedAgent(caller) || caller.IsPrivileged, "Only the assigned agent, supervisors and admins wrap up this session.");
        if (S.Status == SessionStatus.WrapUp) return View();
        SessionLifecycle.EnsureCanMove(S.Status, SessionStatus.WrapUp);
        S.Status = SessionStatus.WrapUp;
        S.Timings = S.Timings with { WrapUpAt = Now };
        await _writer.WriteAsync();
        await ScheduleWrapUpTimeoutAsync();
        await AppendEventAsync("The agent ended the conversation.");
        await EndCallAsync("session ended", "The call ended with the conversation.");
        PushSession();
        return View();
    }

    public async Task<SessionView> Close(Caller caller, string? outcome)
    {
        EnsureAllowed(caller, IsAssignedAgent(caller) || caller.IsPrivileged, "Only the assigned agent, supervisors and admins close this session.");
        if (outcome is { Length: > Limits.Outcome }) throw EngagementException.TooLarge($"An outcome is at most {Limits.Outcome} characters.");
        if (S.Status == SessionStatus.Closed) return View();
        SessionLifecycle.EnsureCanMove(S.Status, SessionStatus.Closed);
        S.Status = SessionStatus.Closed;
        S.Outcome = string.IsNullOrWhiteSpace(outcome) ? null : outcome.Trim();
        S.Timings = S.Timings with { ClosedAt = Now };
        await _writer.WriteAsync();
        ReportClosed();
        if (await this.GetReminder(WrapUpReminder) is { } reminder) await this.UnregisterReminder(reminder);
        await EndCallAsync("session ended", "The call ended with the conversation.");
        if (S.AssignedAgentId is { } agentId) await GrainFactory.GetAgent(agentId).SessionReleased(Id);
        await GrainFactory.GetCustomer(S.CustomerId).SessionEnded(Id);
        // The transcript is the visitor's too: the outcome (a "sale", "spam") is the staff's, in the view they get.
        await AppendEventAsync("The session was closed.");
        PushSession();
        return View();
    }

    private void MarkLeft(string participantId) =>
        S.Participants = S.Participants.Select(p => p.Id == participantId && p.LeftAt is null ? p with { LeftAt = Now } : p).ToList();

    private void PushSession()
    {
        var view = View();
        _connections.Push(new ClientEvent(ClientEvents.Session, view), c => c.IsStaff);
        _connections.Push(new ClientEvent(ClientEvents.Session, ForVisitor(view)), c => !c.IsStaff);
    }

    /// <summary>The session as <paramref name="caller"/> may see it: the outcome is staff-only.</summary>
    private SessionView ViewFor(Caller caller) => caller.IsStaff ? View() : ForVisitor(View());

    private static SessionView ForVisitor(SessionView view) => view with { Outcome = null };

    private SessionView View() => new(
        Id, S.Status, S.CustomerId, S.QueueId, S.Topic, S.RequiredSkills, S.Participants.ToArray(), S.Timings,
        _sequencer.LastDurable, S.AssignedAgentId, S.Outcome, S.Channel, S.PreferredAgentId, S.Rating,
        S.ReadUpTo.Select(r => ReceiptOf(r.Key, r.Value)).ToArray());
}
