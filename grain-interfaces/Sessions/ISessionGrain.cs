namespace Engagement;

/// <summary>
/// One engagement between a customer and the company: lifecycle, participants, the transcript
/// (per-session sequence numbers, durable before acknowledged) and the connections watching it.
/// Key: <see cref="GrainKeys.Session"/>.
/// </summary>
[Alias("engagement.ISessionGrain")]
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>Creates the session for <paramref name="visitor"/> and puts it in the queue. Fails with conflict if it already exists.</summary>
    [Alias("start")]
    Task<SessionView> Start(Caller visitor, StartSessionRequest request);

    /// <summary>The session as the caller may see it. Fails with not_found for anyone else.</summary>
    [Alias("get"), ReadOnly]
    Task<SessionView> Get(Caller caller);

    /// <summary>
    /// Registers <paramref name="connection"/> for live events and returns what the caller missed after
    /// <paramref name="afterSeq"/>. Every message is then delivered exactly once: in the result or as a live event.
    /// </summary>
    [Alias("join")]
    Task<JoinResult> Join(Caller caller, ConnectionRef connection, long afterSeq);

    /// <summary>Stops live events to a connection (the client left or disconnected).</summary>
    [Alias("detach")]
    Task Detach(string connectionId);

    /// <summary>
    /// The silo holding these connections renews their leases: unknown ones are registered again (this
    /// activation may be new) and any connection whose cursor is behind the transcript is sent the rest.
    /// </summary>
    [OneWay, Alias("renew")]
    Task Renew(SessionLease[] leases);

    /// <summary>
    /// Appends a text message. Completes only once the message is durable. Resending the same
    /// <paramref name="clientMessageId"/> returns the original acknowledgement and writes nothing.
    /// </summary>
    /// <param name="text">Already checked and trimmed by the caller (the hub's input rules): 1 to <see cref="Limits.MessageText"/> characters.</param>
    /// <param name="senderConnectionId">
    /// The connection that sent it, if any: it gets the message in the acknowledgement, so it is left out of the
    /// <c>message</c> event.
    /// </param>
    /// <param name="attachments">
    /// Files sent with it, already checked by the caller to be the sender's uploads into this session
    /// (<see cref="IAttachments.ForMessageAsync"/>); <paramref name="text"/> may then be empty.
    /// </param>
    [Alias("send")]
    Task<MessageAck> Send(Caller caller, string? clientMessageId, string text, string? senderConnectionId = null, AttachmentView[]? attachments = null);

    /// <summary>Pages through the transcript: up to <paramref name="limit"/> messages with seq &gt; <paramref name="afterSeq"/>.</summary>
    [Alias("read-transcript"), ReadOnly]
    Task<ChatMessage[]> ReadTranscript(Caller caller, long afterSeq, int limit);

    /// <summary>
    /// Relays a typing indicator to the other participants. Answered (not one-way) so that a caller who may not see
    /// the session hears not_found, as for every other session method.
    /// </summary>
    [Alias("typing")]
    Task Typing(Caller caller, bool isTyping);

    /// <summary>The visitor leaves: a waiting session is abandoned, an active one goes to wrap-up.</summary>
    [Alias("leave")]
    Task<SessionView> Leave(Caller caller);

    /// <summary>The assigned agent ends the conversation and starts wrap-up.</summary>
    [Alias("wrap-up")]
    Task<SessionView> WrapUp(Caller caller);

    /// <summary>Closes the session, recording an optional outcome (e.g. resolved, lead, sale).</summary>
    [Alias("close")]
    Task<SessionView> Close(Caller caller, string? outcome);

    // ---- routing callbacks (queue and agent grains) ----

    /// <summary>The queue offered the session to an agent.</summary>
    [OneWay, Alias("offered")]
    Task Offered(string agentId, DateTimeOffset expiresAt);

    /// <summary>The offer to an agent (identified by its deadline) ended without acceptance; the session waits again.</summary>
    [OneWay, Alias("offer-ended")]
    Task OfferEnded(string agentId, DateTimeOffset expiresAt, OfferEndReason reason);

    /// <summary>The queue reports the session's live position.</summary>
    [OneWay, Alias("queue-position")]
    Task UpdateQueuePosition(QueuePosition position);

    /// <summary>
    /// The session, waiting in <paramref name="fromQueueId"/>, now waits in <paramref name="toQueueId"/> (an overflow step).
    /// False when it no longer waits there: the caller takes it back out of the new queue.
    /// </summary>
    [Alias("moved-to-queue")]
    Task<bool> MovedToQueue(string fromQueueId, string toQueueId);

    /// <summary>
    /// Hands the active session to another agent (offered to them; the caller keeps it until they accept, and keeps
    /// it if they decline or let it time out) or to a queue (routed again, its wait so far counting; the caller keeps
    /// it until an agent there accepts). The assigned agent, supervisors and admins may.
    /// </summary>
    [Alias("transfer")]
    Task<SessionView> Transfer(Caller caller, TransferRequest request);

    /// <summary>Calls back a transfer under way: the offer to the agent is withdrawn, or the session leaves the queue.</summary>
    [Alias("cancel-transfer")]
    Task<SessionView> CancelTransfer(Caller caller);

    /// <summary>The agent a transfer was offered to accepts it: the session is theirs.</summary>
    [Alias("claim-transfer")]
    Task<SessionView> ClaimTransfer(string agentId, string agentName);

    /// <summary>The agent a transfer was offered to declined it or went offline: the session stays where it was.</summary>
    [OneWay, Alias("transfer-declined")]
    Task TransferDeclined(string agentId, OfferEndReason reason);

    /// <summary>
    /// The assigned agent (supervisors and admins too) invites a colleague into the active session: an offer with
    /// <see cref="SessionOffer.InvitedBy"/> for the session's queue's offer timeout. Accepted, they become a member
    /// (<see cref="SessionMember"/>); the session stays the assigned agent's.
    /// </summary>
    [Alias("invite")]
    Task<SessionView> Invite(Caller caller, string agentId, string? note);

    /// <summary>Withdraws an invite not answered yet.</summary>
    [Alias("cancel-invite")]
    Task<SessionView> CancelInvite(Caller caller, string agentId);

    /// <summary>The invited agent accepts (from their agent grain): they join the session as a member.</summary>
    [Alias("claim-invite")]
    Task<SessionView> ClaimInvite(string agentId, string agentName);

    /// <summary>The invited agent declined or went offline: the invite ends.</summary>
    [OneWay, Alias("invite-declined")]
    Task InviteDeclined(string agentId, OfferEndReason reason);

    /// <summary>A member leaves the session (and its call); their capacity is freed. The assigned agent wraps up, closes or transfers instead.</summary>
    [Alias("leave-as-member")]
    Task<SessionView> LeaveAsMember(Caller caller);

    /// <summary>An agent accepted the offer (already claimed from the queue): the session becomes active.</summary>
    [Alias("assign")]
    Task<SessionView> Assign(string agentId, string agentName);

    /// <summary>The queue reports on the chosen representative this session waits for (see <see cref="RepresentativeNotice"/>).</summary>
    [OneWay, Alias("representative-changed")]
    Task RepresentativeChanged(RepresentativeNotice notice);

    /// <summary>The visitor stops waiting for the chosen representative: the queue's next available agent answers.</summary>
    [Alias("wait-for-any-agent")]
    Task<SessionView> WaitForAnyAgent(Caller caller);

    /// <summary>The customer's presence changed; relayed to the session's staff connections.</summary>
    [OneWay, Alias("customer-presence-changed")]
    Task CustomerPresenceChanged(CustomerPresenceView presence);

    /// <summary>The customer's live context changed; relayed to the session's staff connections.</summary>
    [OneWay, Alias("context-changed")]
    Task ContextChanged(CustomerContext context);

    /// <summary>The caller has read the transcript up to <paramref name="seq"/>; the others see a read receipt.</summary>
    [Alias("mark-read")]
    Task MarkRead(Caller caller, long seq);

    /// <summary>The visitor rates the session (once it is active or later); a second rating replaces the first.</summary>
    [Alias("rate")]
    Task<SessionView> Rate(Caller caller, int csat, int? nps, string? comment);

    /// <summary>A private note by staff on the session: never shown to the visitor.</summary>
    [Alias("add-note")]
    Task<SessionNote> AddNote(Caller caller, string text);

    [Alias("get-notes"), ReadOnly]
    Task<SessionNote[]> GetNotes(Caller caller);

    /// <summary>Erases the session (its contact's erasure): ends what runs, deletes its transcript and its state. Returns the messages deleted.</summary>
    [Alias("erase")]
    Task<long> Erase();

    /// <summary>The session for the customer's history (for the customer grain; callers are authorized there).</summary>
    [Alias("summary"), ReadOnly]
    Task<SessionSummary?> Summary();

    // ---- audio and video (the session owns a media room on the node where it is active) ----

    /// <summary>The visitor, the assigned agent or a member escalates an active chat to a call; the others are asked.</summary>
    [Alias("start-call")]
    Task<CallView> StartCall(Caller caller, CallMedia media);

    /// <summary>
    /// Accepts or declines the ringing call; a participant not in an active call (a member who came later, someone who
    /// hung up) joins it with <paramref name="accept"/> true.
    /// </summary>
    [Alias("answer-call")]
    Task<CallView> AnswerCall(Caller caller, bool accept);

    /// <summary>
    /// A call participant's SDP offer (first join, added or removed tracks, ICE restart): returns the
    /// node's answer. After any reconnect or ICE failure, clients offer again with an ICE restart.
    /// </summary>
    [Alias("call-offer")]
    Task<string> CallOffer(Caller caller, string sdpOffer);

    /// <summary>Mute or unmute, camera on or off: shown to the other side.</summary>
    [Alias("update-call-media")]
    Task<CallView> UpdateCallMedia(Caller caller, bool audioOn, bool videoOn);

    /// <summary>The caller leaves the call; the call ends when fewer than two remain.</summary>
    [Alias("hang-up")]
    Task<CallView> HangUp(Caller caller);

    /// <summary>The current or last call, or null.</summary>
    [Alias("get-call"), ReadOnly]
    Task<CallView?> GetCall(Caller caller);

    /// <summary>WHIP (RFC 9725): publish into the session's call from a standard WebRTC tool.</summary>
    [Alias("whip")]
    Task<MediaResource> Publish(Caller caller, string sdpOffer);

    /// <summary>WHEP: watch the session's call.</summary>
    [Alias("whep")]
    Task<MediaResource> Watch(Caller caller, string sdpOffer);

    /// <summary>Ends a WHIP or WHEP resource.</summary>
    [Alias("end-media-resource")]
    Task EndMediaResource(Caller caller, string resourceId);

    /// <summary>The media room reported a change (internal: raised on the node's media threads).</summary>
    [OneWay, Alias("media-changed")]
    Task MediaChanged(MediaChange change);

    // ---- supervision (docs/protocol.md, "Agent hub: supervision"): supervisors and admins only ----

    /// <summary>
    /// The caller (a supervisor or admin) monitors the session unseen, whispers to its agent, or barges in visibly.
    /// A staff-only transcript event and an audit entry record each change; the same mode again changes nothing.
    /// </summary>
    [Alias("supervise")]
    Task<SessionView> Supervise(Caller caller, SupervisionMode mode);

    /// <summary>
    /// A message from a supervisor to the assigned agent (and staff): never the visitor's. Starts whispering when the
    /// caller only monitored or did not supervise yet. Idempotent per <paramref name="clientMessageId"/>, as <see cref="Send"/>.
    /// </summary>
    [Alias("whisper")]
    Task<MessageAck> Whisper(Caller caller, string? clientMessageId, string text, string? senderConnectionId = null);

    /// <summary>The caller stops supervising: leaves the call's media and, after a barge, the conversation.</summary>
    [Alias("stop-supervising")]
    Task<SessionView> StopSupervising(Caller caller);

    /// <summary>In a call: the supervisor's microphone is on (push-to-whisper held) or off; shown to staff only until a barge.</summary>
    [Alias("whisper-audio")]
    Task<CallView> SetWhisperAudio(Caller caller, bool on);

    /// <summary>The customer this session belongs to was merged into another (identify); the new id gains access.</summary>
    [Alias("reassign-customer")]
    Task ReassignCustomer(string customerId);
}
