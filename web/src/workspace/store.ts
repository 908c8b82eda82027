import { computed, signal } from "@preact/signals";
import { LiveConnection, type LinkState } from "../shared/live";
import { AgentMethods as M } from "../shared/methods";
import { ServerError, describe, hubError, isMissingMethod, isTransient } from "../shared/errors";
import { Attachments } from "../shared/attachments/client";
import { withRetries } from "../shared/retry";
import { Events } from "../shared/protocol";
import type {
  AgentStatus, AttachmentView, CallTrack, CallView, CannedResponse, ChatMessage, CustomerContext, CustomerPresenceView, HistoryEntry, Invitation, JoinResult, LoginResponse,
  OfferRevoked, ReadReceipt, SessionNote, SessionOffer, SessionView, TransferRequest, TypingNotice, VisitorAlert,
} from "../shared/protocol";
import { SessionEntry } from "./sessionEntry";
import { InboxStore } from "./inboxStore";
import { ContactsStore } from "./contactsStore";
import { Notifier } from "./notify/notifier";
import { WaitingStore } from "./waitingStore";
import { SiteVisitorsStore } from "./siteVisitorsStore";
import { transferChange } from "./transfer";
import { invitesUnanswered } from "./conference";

export type Toast = { id: number; kind: "alert" | "info" | "error"; title: string; text: string; customerId?: string };
/** The workspace's modes: the agent's live chats, the team's shared inbox of lasting conversations, or the contacts. */
export type WorkspaceMode = "live" | "inbox" | "contacts";

/**
 * The agent's workspace: presence and offers (agentStatus), the open sessions with their live context,
 * visitors on the site (`site`), canned responses and alerts, the shared inbox (`inbox`, shown in the inbox mode), the
 * contacts (`contacts`, over REST, shown in the contacts mode) and files' links and uploads (`attachments`). All
 * live over /hubs/agent; the resume rule re-joins every open session after any reconnect.
 */
export class Workspace {
  readonly link = signal<LinkState>("connecting");
  readonly status = signal<AgentStatus | null>(null);
  readonly offers = signal<SessionOffer[]>([]);
  readonly sessions = signal<SessionEntry[]>([]);
  readonly selectedId = signal<string | null>(null);
  readonly canned = signal<CannedResponse[]>([]);
  readonly toasts = signal<Toast[]>([]);
  readonly selected = computed(() => this.sessions.value.find((s) => s.sessionId === this.selectedId.value) ?? null);
  readonly mode = signal<WorkspaceMode>("live");
  /** An offer to bring into view (its notification was clicked): a new object each time, so the same offer can be shown again. */
  readonly offerInView = signal<{ sessionId: string } | null>(null);

  readonly connection: LiveConnection;
  readonly inbox: InboxStore;
  readonly contacts: ContactsStore;
  /** The waiting lists of the agent's queues, and taking a session from them. */
  readonly waiting: WaitingStore;
  /** Visitors on the site now, and inviting them. */
  readonly site: SiteVisitorsStore;
  readonly attachments: Attachments;
  /** Sound, desktop notifications and the title's count for offers and messages the agent is not looking at. */
  readonly alerts: Notifier;
  private toastId = 0;
  /**
   * Sessions whose AcceptOffer is on its way: not listed yet, but their live events (which may overtake the
   * reply) already go to their thread, which holds them until the reply fills what precedes them.
   */
  private readonly accepting = new Map<string, SessionEntry>();
  /** Sessions whose CancelTransfer is on its way: the transfer's end is the agent's own doing. */
  private readonly cancelling = new Set<string>();

  constructor(readonly login: LoginResponse, private readonly onSignedOut: () => void) {
    this.connection = new LiveConnection({
      url: () => "/hubs/agent",
      token: () => {
        if (Date.parse(login.expiresAt) <= Date.now()) {
          this.onSignedOut();
          throw new Error("signed out");
        }
        return login.token;
      },
      resume: () => this.resume(),
      onState: (state) => (this.link.value = state),
    });
    const c = this.connection;
    c.on<AgentStatus>(Events.agentStatus, (s) => this.onStatus(s));
    c.on<SessionOffer>(Events.offer, (o) => this.addOffer(o));
    c.on<OfferRevoked>(Events.offerRevoked, (r) => (this.offers.value = this.offers.value.filter((o) => o.sessionId !== r.sessionId)));
    c.on<ChatMessage>(Events.message, (m) => this.onMessage(m));
    c.on<SessionView>(Events.session, (s) => this.onSession(s));
    c.on<TypingNotice>(Events.typing, (n) => {
      const entry = this.route(n.sessionId);
      entry?.thread.typingNotice(n, entry.customerName);
    });
    c.on<ReadReceipt>(Events.read, (r) => this.route(r.sessionId)?.thread.read(r));
    c.on<SessionNote>(Events.note, (n) => this.route(n.sessionId)?.addNote(n));
    c.on<CustomerContext>(Events.customerContext, (ctx) => this.sessions.value.forEach((s) => s.applyContext(ctx)));
    c.on<CustomerPresenceView>(Events.customerPresence, (p) => this.sessions.value.forEach((s) => s.applyPresence(p)));
    c.on<CallView>(Events.call, (view) => {
      const entry = this.route(view.sessionId);
      entry?.call.onCall(view);
      if (view.status === "ended" && entry?.supervised) entry.listener.close();
    });
    c.on<CallTrack>(Events.callTrack, (track) => {
      const entry = this.route(track.sessionId);
      if (entry?.supervised) entry.listener.onTrack(track);
      else entry?.call.onTrack(track);
    });
    c.on<VisitorAlert>(Events.visitorAlert, (a) => this.toast({ kind: "alert", title: a.ruleName, text: a.message, customerId: a.customerId }));
    this.attachments = new Attachments("", () => login.token);
    this.inbox = new InboxStore(login, c, this.attachments);
    this.contacts = new ContactsStore(login);
    this.waiting = new WaitingStore(c, (id, claim) => this.claim(id, claim));
    this.site = new SiteVisitorsStore(c);
    this.alerts = new Notifier({
      selfId: login.agentId,
      offers: this.offers,
      openSessionId: () => (this.mode.value === "live" ? this.selectedId.value : null),
      showSession: (id) => this.showSession(id),
      showOffer: (id) => this.showOffer(id),
      agentName: (id) => this.inbox.agentName(id),
      onLook: () => {
        // Messages that came into the open chat while the tab was hidden are read now.
        const open = this.selected.value;
        if (this.mode.value === "live" && open && open.unread.value > 0) this.select(open.sessionId);
      },
    });
  }

  start() {
    return this.connection.start();
  }

  async signOut() {
    await this.connection.stop();
    this.onSignedOut();
  }

  /** The workspace goes away (signed out): its connection and its notifications with it. */
  dispose() {
    this.alerts.dispose();
    this.waiting.dispose();
    void this.connection.stop();
  }

  entry(sessionId: string): SessionEntry | undefined {
    return this.sessions.value.find((s) => s.sessionId === sessionId);
  }

  /** Where a live event of a session goes: a listed session, or one being accepted. */
  private route(sessionId: string): SessionEntry | undefined {
    return this.entry(sessionId) ?? this.accepting.get(sessionId);
  }

  /** Shows one of the agent's live chats (from the inbox, a call elsewhere): the live mode with it selected. */
  showSession(sessionId: string) {
    this.mode.value = "live";
    this.select(sessionId);
  }

  /** Brings an offer into view: the live mode, the offers listed, its Accept button focused. */
  showOffer(sessionId: string) {
    this.mode.value = "live";
    this.offerInView.value = { sessionId };
  }

  select(sessionId: string) {
    this.selectedId.value = sessionId;
    const entry = this.entry(sessionId);
    if (entry) {
      entry.unread.value = 0;
      void entry.thread.markRead(this.connection, M.markRead);
    }
  }

  // ---- presence and offers ----

  /** SetStatus is safe to repeat: retried while the failure is transient (a node going away), then reported. */
  async setAvailability(status: "available" | "away") {
    try {
      this.status.value = await withRetries(() => this.connection.invoke<AgentStatus>(M.setStatus, status));
    } catch (error) {
      this.toast({ kind: "error", title: "Your availability did not change", text: describe(error) });
    }
  }

  /** Away with a reason (1–100 characters: "Lunch", "Training"); as safe to repeat as SetStatus. */
  async setAway(reason: string) {
    try {
      this.status.value = await withRetries(() => this.connection.invoke<AgentStatus>(M.setAway, reason));
    } catch (error) {
      this.toast({ kind: "error", title: "Your availability did not change", text: describe(error) });
    }
  }

  /** Accepts an offer: the chat opens (`claim`); an offer gone meanwhile is said in a toast. */
  async accept(offer: SessionOffer) {
    const id = offer.sessionId;
    try {
      await this.claim(id, () => this.connection.invoke<JoinResult>(M.acceptOffer, id));
    } catch (error) {
      this.offers.value = this.offers.value.filter((o) => o.sessionId !== id);
      this.toast({ kind: "error", title: "Offer no longer available", text: error instanceof ServerError && !isTransient(error) ? error.message : "Try the next one." });
    }
  }

  /**
   * Joins the agent to a session through a call that gives it to them (AcceptOffer, or PickSession from a waiting
   * list) and opens its chat; throws when refused. Neither call is safe to repeat as such: when an attempt failed
   * transiently (the answer may have been lost), a retry that meets `conflict` may mean the first one went through,
   * so the session is joined instead; a session taken by someone else refuses that join.
   */
  private async claim(id: string, first: () => Promise<JoinResult>) {
    if (this.route(id)) return;
    const entry = new SessionEntry(id, () => this.login.agentId, this.connection, this.attachments.pending(id));
    this.accepting.set(id, entry);
    let uncertain = false;
    const attempt = async () => {
      try {
        return await first();
      } catch (error) {
        if (uncertain && hubError(error).code === "conflict") return await this.connection.invoke<JoinResult>(M.joinSession, id, entry.thread.lastSeq);
        if (isTransient(error)) uncertain = true;
        throw error;
      }
    };
    try {
      await entry.thread.joinWith(this.connection, () => withRetries(attempt));
    } catch (error) {
      this.accepting.delete(id);
      entry.dispose();
      throw error;
    }
    this.accepting.delete(id);
    this.offers.value = this.offers.value.filter((o) => o.sessionId !== id);
    if (!this.entry(id)) this.sessions.value = [...this.sessions.value, entry];
    this.showSession(id);
    void this.loadDetails(entry);
    void entry.call.resume(); // a call already going on (a colleague's invite): its seat here
  }

  // ---- supervision (supervisors and admins: docs/protocol.md, "Agent hub: supervision") ----

  /** Opens a session to supervise it: Monitor joins this connection unseen; the session is listed and shown. */
  async supervise(sessionId: string) {
    if (this.route(sessionId)) return this.showSession(sessionId);
    const entry = new SessionEntry(sessionId, () => this.login.agentId, this.connection, this.attachments.pending(sessionId), true);
    this.accepting.set(sessionId, entry);
    try {
      await entry.thread.joinWith(this.connection, () => withRetries(() => this.connection.invoke<JoinResult>(M.monitor, sessionId)));
    } catch (error) {
      entry.dispose();
      this.toast({ kind: "error", title: "Can't supervise this conversation", text: describe(error) });
      return;
    } finally {
      this.accepting.delete(sessionId);
    }
    if (!this.entry(sessionId)) this.sessions.value = [...this.sessions.value, entry];
    this.showSession(sessionId);
    void this.loadDetails(entry);
    void entry.call.resume();
  }

  /** Back to monitoring unseen (from whispering). */
  async monitor(entry: SessionEntry) {
    await withRetries(() => this.connection.invoke<JoinResult>(M.monitor, entry.sessionId));
  }

  /** A message to the agent alone; shown, and retried, as any message. */
  async whisper(entry: SessionEntry, text: string, clientMessageId?: string) {
    try {
      await entry.thread.send(this.connection, text, clientMessageId, [], "Whisper");
    } catch {
      // shown on the message, with retry
    }
  }

  /** Joins visibly; in the call, the microphone opens to everyone. */
  async barge(entry: SessionEntry) {
    this.onSession(await this.connection.invoke<SessionView>(M.barge, entry.sessionId));
    if (entry.listener.listening) await entry.listener.talk(true);
  }

  /** Stops supervising: leaves the call's media and the list. */
  async stopSupervising(entry: SessionEntry) {
    entry.listener.close();
    await withRetries(() => this.connection.invoke<SessionView>(M.stopSupervising, entry.sessionId));
    this.forget([entry]);
    if (this.selectedId.value === entry.sessionId) this.selectedId.value = this.sessions.value[0]?.sessionId ?? null;
    // A reload of a tab opened by the dashboard's Monitor must not supervise again.
    if (new URLSearchParams(location.search).get("supervise") === entry.sessionId) history.replaceState(null, "", location.pathname);
  }

  async decline(offer: SessionOffer) {
    this.offers.value = this.offers.value.filter((o) => o.sessionId !== offer.sessionId);
    await this.connection.invoke(M.declineOffer, offer.sessionId).catch(() => {});
  }

  // ---- a session ----

  /** A message into the session, with files uploaded into it (again, with the same id, from a failed message's Retry). */
  async send(entry: SessionEntry, text: string, clientMessageId?: string, attachments?: AttachmentView[]) {
    try {
      await entry.thread.send(this.connection, text, clientMessageId, attachments);
    } catch {
      // shown on the message, with retry
    }
  }

  // WrapUp and CloseSession end in the same state when repeated: retried while the failure is transient.
  async wrapUp(entry: SessionEntry) {
    entry.thread.setSession(await withRetries(() => this.connection.invoke<SessionView>(M.wrapUp, entry.sessionId)));
  }

  async close(entry: SessionEntry, outcome: string | null, note: string | null) {
    if (note) await this.addNote(entry, note);
    await withRetries(() => this.connection.invoke<SessionView>(M.closeSession, entry.sessionId, outcome));
    this.forget([entry]);
    if (this.selectedId.value === entry.sessionId) this.selectedId.value = this.sessions.value[0]?.sessionId ?? null;
  }

  async addNote(entry: SessionEntry, text: string) {
    entry.addNote(await this.connection.invoke<SessionNote>(M.addNote, entry.sessionId, text));
  }

  // ---- transfer (docs/protocol.md, "Agent hub: transfer") ----

  /** Hands the session to a colleague or a queue; it stays the agent's until someone takes it (`session.transfer`). */
  async transfer(entry: SessionEntry, to: { toAgentId: string } | { toQueueId: string }, note: string | null) {
    const request: TransferRequest = { toAgentId: null, toQueueId: null, ...to, note };
    this.onSession(await this.connection.invoke<SessionView>(M.transferSession, entry.sessionId, request));
  }

  /** Calls a transfer back (safe to repeat: it ends in the same state); the agent asked, so no "did not go through" toast. */
  async cancelTransfer(entry: SessionEntry) {
    this.cancelling.add(entry.sessionId);
    try {
      this.onSession(await withRetries(() => this.connection.invoke<SessionView>(M.cancelTransfer, entry.sessionId)));
    } catch (error) {
      this.toast({ kind: "error", title: "The transfer was not called back", text: describe(error) });
    } finally {
      this.cancelling.delete(entry.sessionId);
    }
  }

  // ---- conference (docs/protocol.md, "Agent hub: conference") ----

  /** Invites a colleague into the conversation; the invite shows in `session.invites` until they answer. */
  async inviteToSession(entry: SessionEntry, agentId: string, note: string | null) {
    this.onSession(await this.connection.invoke<SessionView>(M.inviteToSession, entry.sessionId, agentId, note));
  }

  /** Withdraws an invite (safe to repeat); the agent asked, so no "did not join" toast. */
  async cancelInvite(entry: SessionEntry, agentId: string) {
    this.cancelling.add(`${entry.sessionId}/${agentId}`);
    try {
      this.onSession(await withRetries(() => this.connection.invoke<SessionView>(M.cancelInvite, entry.sessionId, agentId)));
    } catch (error) {
      this.toast({ kind: "error", title: "The invite was not withdrawn", text: describe(error) });
    } finally {
      this.cancelling.delete(`${entry.sessionId}/${agentId}`);
    }
  }

  /** A colleague in the conversation leaves it: it leaves their list (and their call ends here). */
  async leaveSession(entry: SessionEntry) {
    await this.connection.invoke<SessionView>(M.leaveSession, entry.sessionId);
    if (!this.entry(entry.sessionId)) return;
    this.forget([entry]);
    if (this.selectedId.value === entry.sessionId) this.selectedId.value = this.sessions.value[0]?.sessionId ?? null;
  }

  /**
   * A new view of a session: kept on its entry; a transfer that ended is told — the session passed to someone
   * else (it leaves the list) or stayed with the agent.
   */
  private onSession(view: SessionView) {
    const entry = this.route(view.sessionId);
    if (!entry) return;
    const change = transferChange(entry.thread.session.value, view, this.login.agentId);
    const unanswered = invitesUnanswered(entry.thread.session.value, view, this.login.agentId)
      .filter((agentId) => !this.cancelling.has(`${view.sessionId}/${agentId}`));
    entry.thread.setSession(view);
    for (const agentId of unanswered) {
      this.toast({ kind: "error", title: "The colleague did not join", text: `${this.inbox.agentName(agentId)} did not take the invite.` });
    }
    if (change === "handedOver" && this.entry(view.sessionId)) {
      this.forget([entry]);
      if (this.selectedId.value === view.sessionId) this.selectedId.value = this.sessions.value[0]?.sessionId ?? null;
      const to = [...view.participants].reverse().find((p) => p.id === view.assignedAgentId)?.displayName ?? view.assignedAgentId;
      this.toast({ kind: "info", title: "Conversation handed over", text: `${entry.customerName} is with ${to} now.` });
    } else if (change === "fellThrough" && !this.cancelling.has(view.sessionId)) {
      this.toast({ kind: "error", title: "The transfer did not go through", text: `${entry.customerName} is still with you.` });
    }
  }

  // ---- visitors on site ----

  async invite(customerId: string, message: string): Promise<Invitation> {
    const invitation = await this.site.invite(customerId, message);
    this.toast({ kind: "info", title: "Invitation sent", text: "You'll get the chat if they accept." });
    return invitation;
  }

  dismissToast(id: number) {
    this.toasts.value = this.toasts.value.filter((t) => t.id !== id);
  }

  toast(t: Omit<Toast, "id">) {
    const toast = { ...t, id: ++this.toastId };
    this.toasts.value = [...this.toasts.value.slice(-3), toast];
    setTimeout(() => this.dismissToast(toast.id), t.kind === "alert" ? 20_000 : 6000);
  }

  // ---- connection ----

  /**
   * After every (re)connect, drain moves included: the status (offers, sessions assigned meanwhile), every open
   * session re-joined from its highest contiguous seq, the site's visitors, the shared inbox and the queues' waiting
   * lists watched again, canned responses.
   */
  private async resume() {
    // Each step on its own, each retried while the failure is transient: one that fails must not keep the others from running.
    void this.site.resume();
    void this.loadCanned();
    void this.inbox.resume();
    void this.waiting.resume();
    const open = [...this.sessions.value];
    try {
      this.onStatus(await withRetries(() => this.connection.invoke<AgentStatus>(M.getStatus)));
    } catch {
      // The agentStatus event sent on every connect brings the same.
    }
    await Promise.all(open.filter((entry) => this.entry(entry.sessionId)).map((entry) => this.rejoin(entry)));
  }

  private async rejoin(entry: SessionEntry) {
    try {
      await withRetries(() => entry.thread.join(this.connection));
      void this.loadDetails(entry);
      if (entry.supervised) return void entry.listener.link.value?.restartIce();
      await entry.call.resume();
    } catch (error) {
      if (error instanceof ServerError && (error.code === "not_found" || error.code === "forbidden")) this.forget([entry]);
    }
  }

  private onStatus(status: AgentStatus) {
    this.status.value = status;
    // The latest agentStatus is the truth about pending offers (docs/protocol.md, agent hub); one not seen before (it
    // came while the connection was down, or before the page loaded) calls the agent as an offer event does.
    const known = new Set(this.offers.value.map((o) => o.sessionId));
    this.offers.value = status.pendingOffers;
    for (const offer of status.pendingOffers) if (!known.has(offer.sessionId)) this.alerts.offer(offer);
    for (const sessionId of status.activeSessions) {
      if (!this.route(sessionId)) void this.rejoin(this.ensure(sessionId));
    }
    // Sessions that ended elsewhere (a supervisor closed them) or passed to another agent (a transfer) leave the list.
    const gone = (view: SessionView | null) => view?.status === "closed" || view?.status === "abandoned"
      || (view?.assignedAgentId != null && view.assignedAgentId !== this.login.agentId);
    const ended = this.sessions.value.filter((s) => !s.supervised && !status.activeSessions.includes(s.sessionId) && gone(s.thread.session.value));
    if (ended.length) {
      this.forget(ended);
      if (ended.some((s) => s.sessionId === this.selectedId.value)) this.selectedId.value = this.sessions.value[0]?.sessionId ?? null;
    }
    if (!this.selectedId.value && this.sessions.value.length) this.select(this.sessions.value[0].sessionId);
  }

  private addOffer(offer: SessionOffer) {
    if (this.offers.value.some((o) => o.sessionId === offer.sessionId)) return;
    this.offers.value = [...this.offers.value, offer];
    this.alerts.offer(offer);
  }

  private ensure(sessionId: string): SessionEntry {
    let entry = this.entry(sessionId);
    if (!entry) {
      entry = new SessionEntry(sessionId, () => this.login.agentId, this.connection, this.attachments.pending(sessionId));
      this.sessions.value = [...this.sessions.value, entry];
    }
    return entry;
  }

  /** Sessions that left the agent's list; their calls end here too. */
  private forget(entries: SessionEntry[]) {
    for (const entry of entries) entry.dispose();
    this.sessions.value = this.sessions.value.filter((s) => !entries.includes(s));
  }

  private onMessage(message: ChatMessage) {
    const entry = this.route(message.sessionId);
    if (!entry) return;
    entry.thread.add([message]);
    if (message.senderId === this.login.agentId || (message.kind !== "text" && message.kind !== "whisper")) return;
    if (this.selectedId.value === entry.sessionId && !document.hidden) void entry.thread.markRead(this.connection, M.markRead);
    else entry.unread.value++;
    this.alerts.message(message);
  }

  /** Context, history and notes for a session's panel; each may be missing on an older server. */
  private async loadDetails(entry: SessionEntry) {
    const id = entry.sessionId;
    const missing = (key: "context" | "history" | "notes") => (error: unknown) => {
      if (isMissingMethod(error) || (error instanceof ServerError && error.code === "error")) entry.unavailable.value = { ...entry.unavailable.value, [key]: true };
    };
    await Promise.all([
      this.connection.invoke<CustomerContext>(M.getContext, id).then((c) => entry.applyContext(c), missing("context")),
      this.connection.invoke<HistoryEntry[]>(M.getHistory, id).then((h) => (entry.history.value = h), missing("history")),
      this.connection.invoke<SessionNote[]>(M.getNotes, id).then((n) => (entry.notes.value = n), missing("notes")),
    ]);
  }

  private async loadCanned() {
    try {
      this.canned.value = await withRetries(() => this.connection.invoke<CannedResponse[]>(M.getCannedResponses));
    } catch {
      this.canned.value = [];
    }
  }
}
