using Engagement.Common;
using Engagement.Realtime;

namespace Engagement.Sessions;

/// <summary>
/// What every part of one session activation shares: the persisted state, the session's id and clock, the
/// connections listening to it, the one state writer, the access rule and the session as each caller sees it.
/// The parts (<see cref="SessionConversation"/>, <see cref="SessionRouting"/>, <see cref="SessionCall"/>, …) are
/// plain classes owned by <see cref="SessionGrain"/> and run on its scheduler, so they share this without locks.
/// </summary>
internal sealed class SessionCore(
    SnapshotWriter<SessionState> writer,
    string id,
    IGrainFactory grains,
    Listeners<Caller> listeners,
    SessionTranscript transcript,
    TimeProvider clock)
{
    /// <summary>Key of the visitor's read position: one for all its customer ids (anonymous, then identified); not a valid id.</summary>
    public const string VisitorReadKey = "~visitor";

    public SessionState S => Writer.Live;
    public string Id { get; } = id;
    public DateTimeOffset Now => clock.GetUtcNow();
    public IGrainFactory Grains { get; } = grains;

    /// <summary>The client connections joined to the session, tagged with who they are.</summary>
    public Listeners<Caller> Connections { get; } = listeners;

    /// <summary>The session's messages; parts write system lines through it.</summary>
    public SessionTranscript Transcript { get; } = transcript;

    /// <summary>
    /// The session's state writes, all through one writer: the grain is reentrant, so a write stores a copy taken in
    /// the grain's turn, and a write requested during another joins the next one.
    /// </summary>
    public SnapshotWriter<SessionState> Writer { get; } = writer;

    // ---- access (the rule is SessionAccess's) ----

    public bool IsVisitor(Caller c) => SessionAccess.IsVisitor(S, c);

    public bool IsAssignedAgent(Caller c) => SessionAccess.IsAssignedAgent(S, c);

    /// <summary>The assigned agent or a colleague in the session: they write, type and take part in calls.</summary>
    public bool IsConversingAgent(Caller c) => SessionAccess.IsConversingAgent(S, c);

    public bool IsMember(Caller c) => SessionAccess.IsMember(S, c);

    public bool CanSee(Caller c) => SessionAccess.CanSee(S, c);

    /// <summary>For the routing callbacks of the queue and agent grains, which know the session exists.</summary>
    public void EnsureExists()
    {
        if (!S.Exists) throw SessionAccess.NotFound(Id);
    }

    /// <summary>not_found unless the caller may see the session.</summary>
    public void EnsureVisible(Caller caller) => SessionAccess.EnsureVisible(S, caller, Id);

    /// <summary>not_found unless the caller may see the session, then forbidden unless <paramref name="allowed"/>.</summary>
    public void EnsureAllowed(Caller caller, bool allowed, string why) => SessionAccess.EnsureAllowed(S, caller, Id, allowed, why);

    // ---- the session as clients see it ----

    /// <summary>
    /// Every connection gets the session's new view: staff the whole of it, visitors without what is staff-only.
    /// Without <paramref name="visitorToo"/> only staff hear of it: a change the visitor must not notice (supervision).
    /// </summary>
    public void PushSession(bool visitorToo = true)
    {
        var view = View();
        Connections.Push(ClientEvent.Session(view), c => c.IsStaff);
        if (visitorToo) Connections.Push(ClientEvent.Session(ForVisitor(view)), c => !c.IsStaff);
    }

    /// <summary>The session for <paramref name="caller"/>: not_found unless they may see it.</summary>
    public Task<SessionView> Get(Caller caller)
    {
        EnsureVisible(caller);
        return Task.FromResult(ViewFor(caller));
    }

    /// <summary>The session as <paramref name="caller"/> may see it: the outcome, a transfer under way, the SLA, members, invites and supervisors are staff-only.</summary>
    public SessionView ViewFor(Caller caller) => caller.IsStaff ? View() : ForVisitor(View());

    public SessionView View() => new(
        Id, S.Status, S.CustomerId, S.QueueId, S.Topic, S.RequiredSkills, S.Participants.ToArray(), S.Timings,
        Transcript.LastDurable, S.AssignedAgentId, S.Outcome, S.Channel, S.PreferredAgentId, S.Rating,
        S.ReadUpTo.Select(r => ReceiptOf(r.Key, r.Value)).ToArray(), S.PendingTransfer, SlaClocks.ViewOf(S.Sla, Now), S.Members.ToArray(), S.Invites.ToArray(), S.Supervisors.ToArray());

    /// <summary>A read position as clients see it: the visitor's under the session's current customer id.</summary>
    public ReadReceipt ReceiptOf(string key, long seq) => key == VisitorReadKey
        ? new ReadReceipt(Id, S.CustomerId, ParticipantRole.Visitor, seq)
        : new ReadReceipt(Id, key, ParticipantRole.Agent, seq);

    /// <summary>The session for the customer's history.</summary>
    public Task<SessionSummary?> Summary() => Task.FromResult(S.Exists
        ? new SessionSummary(Id, S.Channel, S.Status, S.QueueId, S.Topic, S.AssignedAgentId, S.Timings.RequestedAt,
            S.Timings.ClosedAt ?? S.Timings.AbandonedAt, S.Outcome, S.Rating, Transcript.LastDurable, S.CustomerId)
        : null);

    /// <summary>
    /// Puts the session in <paramref name="queueId"/>'s waiting list as waiting since <paramref name="waitingSince"/>,
    /// with the customer's attributes (a VIP rule may raise its priority; the SLA's band follows the same rule).
    /// </summary>
    public async Task<(QueuePosition Position, Dictionary<string, string> Attributes)> EnqueueAsync(
        string queueId, string[] skills, DateTimeOffset waitingSince, string? preferredAgentId = null, string? transferredFrom = null)
    {
        var attributes = await Grains.GetCustomer(S.CustomerId).Attributes();
        var position = await Grains.GetQueue(queueId).Enqueue(
            new QueuedSession(Id, S.CustomerId, S.Topic, skills, waitingSince, null, null, preferredAgentId, TransferredFrom: transferredFrom),
            attributes);
        return (position, attributes);
    }

    /// <summary>Records that a participant left (the visitor leaving or abandoning).</summary>
    public void MarkLeft(string participantId) =>
        S.Participants = S.Participants.Select(p => p.Id == participantId && p.LeftAt is null ? p with { LeftAt = Now } : p).ToList();

    private static SessionView ForVisitor(SessionView view) => view with { Outcome = null, Transfer = null, Sla = null, Members = null, Invites = null, Supervisors = null };
}
