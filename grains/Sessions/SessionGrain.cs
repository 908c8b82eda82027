using Engagement.Common;
using Engagement.Media;
using Engagement.Realtime;
using Engagement.Storage;
using Engagement.Privacy;
using Engagement.Reports;
using Engagement.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Orleans.Serialization;

namespace Engagement.Sessions;

/// <summary>
/// One engagement. The grain holds the attributes and the wiring; each part of the session is a class of its own,
/// owned by this activation and running on its scheduler (docs/architecture.md, "Inside a session"):
/// <see cref="SessionConversation"/> (joins, sends, typing, read receipts) over <see cref="SessionTranscript"/>
/// (the append loop), <see cref="SessionRouting"/> and <see cref="ChosenRepresentative"/> (the way to an agent),
/// <see cref="SessionTransfer"/> (handing over to an agent or a queue), <see cref="SessionConference"/> (colleagues invited in), <see cref="SessionCall"/>, <see cref="CallSignaling"/> and <see cref="SessionMediaRoom"/> (audio and video),
/// <see cref="SessionEnding"/> (leave, wrap-up, close, the wrap-up reminder), <see cref="SessionFeedback"/>
/// (rating, notes, dashboard figures, with <see cref="SessionFacts"/> the reports' durable fact), <see cref="SessionSla"/> (the SLA clocks), <see cref="CustomerRelay"/> (presence and context from the customer)
/// and <see cref="SessionSupervision"/> (supervisors monitoring, whispering, barging in).
/// </summary>
/// <remarks>
/// [Reentrant] so that sends pipeline through the group-committing transcript store and a slow append does not
/// block reads: every part checks and changes state before its first await, and writes state through the one
/// <see cref="SessionCore.Writer"/>. [Immovable] because the call's media room lives on this silo's SFU.
/// IRemindable for the wrap-up timeout, which must survive every silo restarting.
/// </remarks>
[Reentrant, Immovable, GrainType("session")]
internal sealed class SessionGrain : Grain, ISessionGrain, IRemindable
{
    private readonly ClientPush _push;
    private readonly ISessionGrain _self;
    private readonly SessionCore _core;
    private readonly SessionMediaRoom _room;
    private readonly SessionConversation _conversation;
    private readonly SessionRouting _routing;
    private readonly ChosenRepresentative _representative;
    private readonly SessionCall _call;
    private readonly SessionTransfer _transfer;
    private readonly SessionConference _conference;
    private readonly CallSignaling _signaling;
    private readonly SessionEnding _ending;
    private readonly SessionFeedback _feedback;
    private readonly SessionFacts _facts;
    private readonly CustomerRelay _customer;
    private readonly SessionSupervision _supervision;
    private readonly SessionSla _sla;
    private readonly IPersistentState<SessionState> _state;
    private readonly ErasureStore _erasure;

    public SessionGrain(
        [PersistentState("session", "store")] IPersistentState<SessionState> state,
        DeepCopier<SessionState> copier,
        ITranscriptStore transcript,
        TimeProvider clock,
        IOptions<SessionOptions> sessionOptions,
        IOptions<PresenceOptions> presenceOptions,
        IMediaEngine media,
        ClientPush push,
        IWebhookOutbox webhooks,
        ErasureStore erasure,
        Engagement.Audit.IAuditLog audit,
        SessionFactStore facts,
        ILogger<SessionGrain> logger)
    {
        _push = push;
        _state = state;
        _erasure = erasure;
        _self = this.AsReference<ISessionGrain>();
        var id = GrainKeys.IdOf(this.GetPrimaryKeyString());
        var connections = new Listeners<Caller>(push, presenceOptions.Value, clock);
        _core = new SessionCore(new SnapshotWriter<SessionState>(state, copier), id, GrainFactory, connections, new SessionTranscript(id, transcript, connections, clock, logger), clock);
        _facts = new SessionFacts(_core, facts, logger);
        _feedback = new SessionFeedback(_core, webhooks, _facts);
        _sla = new SessionSla(_core, _facts, webhooks, StartSlaTimer, this, logger);
        // Room events are raised on the media threads: they reach the grain as one-way calls.
        _room = new SessionMediaRoom(media, change => _self.MediaChanged(change).Ignore(), KeepAliveWhileRoomIsOpen);
        _call = new SessionCall(_core, _room);
        _signaling = new CallSignaling(_core, _call, _room);
        _representative = new ChosenRepresentative(_core);
        _transfer = new SessionTransfer(_core, _call, _feedback, this);
        _conference = new SessionConference(_core, _call, this);
        _routing = new SessionRouting(_core, _representative, _facts, _transfer, _sla);
        _conversation = new SessionConversation(_core, _signaling, _routing, _feedback, _sla, logger);
        _ending = new SessionEnding(_core, _call, _feedback, _transfer, _conference, this, sessionOptions.Value, _sla);
        _customer = new CustomerRelay(_core, _ending);
        _supervision = new SessionSupervision(_core, _conversation, _call, _room, audit, logger);
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await _core.Transcript.LoadAsync(_core.S.Exists, cancellationToken);
        // The report's fact again: repairs a write that was lost, and brings in sessions from before the facts table.
        _facts.Changed();
        _transfer.Resume();
        _conference.Resume();
        await _sla.ResumeAsync();
        // Connections may have joined an earlier activation (lost with a silo or its directory entry): ask their silos.
        if (_core.S.Exists && !SessionLifecycle.IsEnded(_core.S.Status)) _push.RequestRenewalsAsync(new ListenerKey(ListenerKind.Session, _core.Id)).Ignore();
        SessionMetrics.Activated(_core);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _room.Close();
        _sla.Stop();
        SessionMetrics.Deactivated(_core);
        return Task.CompletedTask;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => reminderName switch
    {
        SessionEnding.WrapUpReminder => _ending.WrapUpTimedOutAsync(),
        SessionSla.Reminder => _sla.ReminderAsync(),
        _ => Task.CompletedTask,
    };

    // ---- lifecycle ----
    public Task<SessionView> Start(Caller visitor, StartSessionRequest request) => _routing.Start(visitor, request);
    public Task<SessionView> Get(Caller caller) => _core.Get(caller);
    public Task<SessionView> Leave(Caller caller) => _ending.Leave(caller);
    public Task<SessionView> WrapUp(Caller caller) => _ending.WrapUp(caller);
    public Task<SessionView> Close(Caller caller, string? outcome) => _ending.Close(caller, outcome);

    /// <summary>Its contact is erased: the queue and the agent let it go, the call ends, then its messages and state go.</summary>
    public async Task<long> Erase()
    {
        var s = _core.S;
        if (s.Exists && SessionLifecycle.IsWaiting(s.Status)) await GrainFactory.GetQueue(s.QueueId).Cancel(_core.Id);
        if (s.Exists && s.AssignedAgentId is { } agentId && !SessionLifecycle.IsEnded(s.Status)) await GrainFactory.GetAgent(agentId).SessionReleased(_core.Id);
        if (s.Exists) await _conference.EndedAsync();
        _room.Close();
        await _sla.ForgetAsync();
        if (await this.GetReminder(SessionEnding.WrapUpReminder) is { } reminder) await this.UnregisterReminder(reminder);
        var (messages, _) = await _erasure.DeleteTranscriptAsync(_core.Id);
        await _state.ClearStateAsync();
        this.DeactivateOnIdle();
        return messages;
    }

    // ---- the conversation ----
    public Task<JoinResult> Join(Caller caller, ConnectionRef connection, long afterSeq) => _conversation.Join(caller, connection, afterSeq);
    public Task Detach(string connectionId) => _conversation.Detach(connectionId);
    public Task Renew(SessionLease[] leases) => _conversation.Renew(leases);
    public Task<MessageAck> Send(Caller caller, string? clientMessageId, string text, string? senderConnectionId, AttachmentView[]? attachments) =>
        _conversation.Send(caller, clientMessageId, text, senderConnectionId, attachments);
    public Task<ChatMessage[]> ReadTranscript(Caller caller, long afterSeq, int limit) => _conversation.ReadTranscript(caller, afterSeq, limit);
    public Task Typing(Caller caller, bool isTyping) => _conversation.Typing(caller, isTyping);
    public Task MarkRead(Caller caller, long seq) => _conversation.MarkRead(caller, seq);

    // ---- routing ----
    public Task Offered(string agentId, DateTimeOffset expiresAt) => _routing.Offered(agentId, expiresAt);
    public Task OfferEnded(string agentId, DateTimeOffset expiresAt, OfferEndReason reason) => _routing.OfferEnded(agentId, expiresAt, reason);
    public Task UpdateQueuePosition(QueuePosition position) => _routing.UpdateQueuePosition(position);
    public Task<bool> MovedToQueue(string fromQueueId, string toQueueId) => _routing.MovedToQueue(fromQueueId, toQueueId);
    public Task<SessionView> Assign(string agentId, string agentName) => _routing.Assign(agentId, agentName);
    public Task ReassignCustomer(string customerId) => _routing.ReassignCustomer(customerId);
    public Task<SessionView> Transfer(Caller caller, TransferRequest request) => _transfer.Transfer(caller, request);
    public Task<SessionView> CancelTransfer(Caller caller) => _transfer.CancelTransfer(caller);
    public Task<SessionView> ClaimTransfer(string agentId, string agentName) => _transfer.ClaimTransfer(agentId, agentName);
    public Task TransferDeclined(string agentId, OfferEndReason reason) => _transfer.TransferDeclined(agentId, reason);
    public Task<SessionView> Invite(Caller caller, string agentId, string? note) => _conference.Invite(caller, agentId, note);
    public Task<SessionView> CancelInvite(Caller caller, string agentId) => _conference.CancelInvite(caller, agentId);
    public Task<SessionView> ClaimInvite(string agentId, string agentName) => _conference.ClaimInvite(agentId, agentName);
    public Task InviteDeclined(string agentId, OfferEndReason reason) => _conference.InviteDeclined(agentId, reason);
    public Task<SessionView> LeaveAsMember(Caller caller) => _conference.LeaveAsMember(caller);
    public Task RepresentativeChanged(RepresentativeNotice notice) => _representative.RepresentativeChanged(notice);
    public Task<SessionView> WaitForAnyAgent(Caller caller) => _representative.WaitForAnyAgent(caller);

    // ---- what the customer grain reports ----
    public Task CustomerPresenceChanged(CustomerPresenceView presence) => _customer.CustomerPresenceChanged(presence);
    public Task ContextChanged(CustomerContext context) => _customer.ContextChanged(context);

    // ---- feedback ----
    public Task<SessionView> Rate(Caller caller, int csat, int? nps, string? comment) => _feedback.Rate(caller, csat, nps, comment);
    public Task<SessionNote> AddNote(Caller caller, string text) => _feedback.AddNote(caller, text);
    public Task<SessionNote[]> GetNotes(Caller caller) => _feedback.GetNotes(caller);
    public Task<SessionSummary?> Summary() => _core.Summary();

    // ---- audio and video ----
    public Task<CallView> StartCall(Caller caller, CallMedia media) => _call.StartCall(caller, media);
    public Task<CallView> AnswerCall(Caller caller, bool accept) => _call.AnswerCall(caller, accept);
    public Task<CallView> UpdateCallMedia(Caller caller, bool audioOn, bool videoOn) => _call.UpdateCallMedia(caller, audioOn, videoOn);
    public Task<CallView> HangUp(Caller caller) => _supervision.IsSupervising(caller) ? _supervision.HangUp(caller) : _call.HangUp(caller);
    public Task<CallView?> GetCall(Caller caller) => _call.GetCall(caller);
    public Task<string> CallOffer(Caller caller, string sdpOffer) =>
        _supervision.IsSupervising(caller) ? _supervision.CallOffer(caller, sdpOffer) : _signaling.CallOffer(caller, sdpOffer);
    public Task<MediaResource> Publish(Caller caller, string sdpOffer) => _signaling.Publish(caller, sdpOffer);
    public Task<MediaResource> Watch(Caller caller, string sdpOffer) => _signaling.Watch(caller, sdpOffer);
    public Task EndMediaResource(Caller caller, string resourceId) => _signaling.EndMediaResource(caller, resourceId);
    public Task MediaChanged(MediaChange change) => _signaling.MediaChanged(change);

    // ---- supervision ----
    public Task<SessionView> Supervise(Caller caller, SupervisionMode mode) => _supervision.Supervise(caller, mode);
    public Task<MessageAck> Whisper(Caller caller, string? clientMessageId, string text, string? senderConnectionId) =>
        _supervision.Whisper(caller, clientMessageId, text, senderConnectionId);
    public Task<SessionView> StopSupervising(Caller caller) => _supervision.StopSupervising(caller);
    public Task<CallView> SetWhisperAudio(Caller caller, bool on) => _supervision.SetWhisperAudio(caller, on);

    /// <summary>The SLA's one-shot timer: it keeps the activation alive until the next due time.</summary>
    private IDisposable StartSlaTimer(Func<Task> callback, TimeSpan dueIn) => this.RegisterGrainTimer(
        _ => callback(), new GrainTimerCreationOptions(dueIn, Timeout.InfiniteTimeSpan) { KeepAlive = true, Interleave = true });

    /// <summary>Keeps this activation (and so its room) alive while a room is open.</summary>
    private IDisposable KeepAliveWhileRoomIsOpen() => this.RegisterGrainTimer(
        _ => Task.CompletedTask, new GrainTimerCreationOptions(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)) { KeepAlive = true });
}
