import { signal } from "@preact/signals";
import { LiveConnection, type LinkState } from "../shared/live";
import { requestJson } from "../shared/http";
import { Thread } from "../shared/thread";
import { ServerError, isTransient } from "../shared/errors";
import { newClientMessageId } from "../shared/ids";
import { withRetries } from "../shared/retry";
import { VisitorMethods as M } from "../shared/methods";
import { CallController } from "../shared/call/CallController";
import { Events } from "../shared/protocol";
import type {
  CallTrack, CallView, ChatMessage, ConversationView, CustomerView, DirectoryChange, Invitation, JoinResult, QueueForm, QueuePosition,
  ReadReceipt, RepresentativeNotice, SessionView, StartSessionRequest, TypingNotice, VisitorTokenResponse,
} from "../shared/protocol";
import type { WidgetConfig } from "./config";
import { watchNavigation } from "./navigation";
import { WidgetStorage, type PendingStart, type SavedSession } from "./storage";
import { TeamAvailability } from "./team";
import { VisitorToken } from "./token";
import { VisitorConversations } from "./conversations";
import { PreChat, checkPreChat, formAnswers, formFailure, type PreChatDraft } from "./prechat";
/** A start left unanswered by a reload is repeated on the next page only this long after it was asked for. */
const startResumableMs = 10 * 60_000;
/** How long one StartSession attempt waits for a connection that is down before it counts as failed. */
const startConnectWaitMs = 15_000;

/**
 * The visitor's side: the hub connection and the open session (starting it, queue position, chat, typing, reads,
 * rating, its call), kept the same in every tab, and invitations. Who can answer is TeamAvailability's, the token
 * VisitorToken's, the lasting conversations (messages left, replies) VisitorConversations', the queue's pre-chat form
 * and its answers PreChat's. The UI renders their
 * signals; the SDK (index.tsx) calls its methods.
 */
export class VisitorClient {
  readonly link = signal<LinkState>("connecting");
  readonly isOpen = signal(false);
  /** The chosen representative of the waiting session became unavailable (or came back, or was given up on). */
  readonly representative = signal<RepresentativeNotice | null>(null);
  readonly thread = signal<Thread | null>(null);
  /** The open session's call (audio or video with the agent). */
  readonly call = signal<CallController | null>(null);
  readonly position = signal<QueuePosition | null>(null);
  readonly invitation = signal<Invitation | null>(null);
  readonly unread = signal(0);
  readonly rated = signal(false);
  readonly error = signal<string | null>(null);
  /** A conversation being started (StartSession on its way, retried while the failure is transient). */
  readonly starting = signal<{ agentId: string | null } | null>(null);

  readonly team: TeamAvailability;
  readonly directory: TeamAvailability["directory"];
  readonly online: TeamAvailability["online"];
  readonly agentsOnline: TeamAvailability["agentsOnline"];
  readonly customerId: VisitorToken["customerId"];
  readonly conversations: VisitorConversations;
  readonly preChat: PreChat;

  private readonly storage: WidgetStorage;
  private readonly token: VisitorToken;
  private readonly connection: LiveConnection;
  private reportedPage: string | null = null;
  /**
   * While a session is being started, its id is not known yet, but its live events may overtake the reply:
   * they wait here and are replayed into the new thread (docs/protocol.md#resume-rule).
   */
  private early: { messages: ChatMessage[]; sessions: SessionView[]; positions: QueuePosition[] } | null = null;

  constructor(readonly config: WidgetConfig) {
    this.storage = new WidgetStorage(config.base);
    this.token = new VisitorToken(config.base, this.storage);
    this.customerId = this.token.customerId;
    this.team = new TeamAvailability(config.queue);
    this.directory = this.team.directory;
    this.online = this.team.online;
    this.agentsOnline = this.team.agentsOnline;
    // Open on the last page of this tab: open on this one too (set before the first render, so it takes no focus).
    this.isOpen.value = this.storage.open;
    this.connection = new LiveConnection({
      url: () => `${config.base}/hubs/visitor?page=${encodeURIComponent(this.page())}&title=${encodeURIComponent(document.title.slice(0, 512))}&away=${document.hidden}`,
      token: () => this.token.fresh(),
      resume: () => this.resume(),
      onState: (state) => (this.link.value = state),
    });
    this.conversations = new VisitorConversations(this.connection, { load: () => this.storage.seen, save: (seen) => (this.storage.seen = seen) },
      () => this.customerId.value, () => this.isOpen.value && !document.hidden);
    this.preChat = new PreChat(async () => requestJson<QueueForm>(config.base, "GET",
      `/api/queues/${encodeURIComponent(config.queue)}/form`, await this.token.fresh()));
    this.connection.on<ConversationView>(Events.conversation, (view) => this.conversations.onConversation(view));
    this.connection.on<ChatMessage>(Events.conversationMessage, (m) => {
      if (this.conversations.onMessage(m) && (!this.isOpen.value || document.hidden)) this.unread.value++;
    });
    this.connection.on<ChatMessage>(Events.message, (m) => this.onMessage(m));
    this.connection.on<SessionView>(Events.session, (s) => this.onSession(s));
    this.connection.on<QueuePosition>(Events.queuePosition, (p) => this.onPosition(p));
    this.connection.on<TypingNotice>(Events.typing, (n) => {
      const thread = this.thread.value;
      if (thread?.sessionId !== n.sessionId) return;
      const name = thread.session.value?.participants.find((p) => p.id === n.participantId)?.displayName ?? "Agent";
      thread.typingNotice(n, name);
    });
    this.connection.on<ReadReceipt>(Events.read, (r) => this.thread.value?.sessionId === r.sessionId && this.thread.value.read(r));
    this.connection.on<Invitation>(Events.invitation, (i) => {
      if (this.hasOpenSession()) return;
      this.invitation.value = i;
      // Shown until it expires or is answered.
      setTimeout(() => { if (this.invitation.value?.invitationId === i.invitationId) this.invitation.value = null; },
        Math.max(0, Date.parse(i.expiresAt) - Date.now()));
    });
    this.connection.on<CallView>(Events.call, (view) => {
      const call = this.call.value;
      if (call?.sessionId !== view.sessionId) return;
      call.onCall(view);
      if (call.phase.value === "incoming" && !this.isOpen.value) this.open();
    });
    this.connection.on<CallTrack>(Events.callTrack, (track) => this.call.value?.sessionId === track.sessionId && this.call.value.onTrack(track));
    this.connection.on<DirectoryChange>(Events.directoryPresence, (change) => this.team.changed(change));
    this.connection.on<RepresentativeNotice>(Events.representative, (n) => {
      if (n.sessionId === this.thread.value?.sessionId && n.version >= (this.representative.value?.version ?? 0)) this.representative.value = n;
    });
  }

  async start(): Promise<void> {
    const saved = this.storage.session;
    if (saved) {
      // A start still recorded next to a known session is one whose session is this one (or older): never repeat it.
      this.storage.start = null;
      this.show(saved);
    }
    this.storage.onSessionChanged((session) => this.followOtherTab(session));
    this.storage.onSeenChanged((seen) => this.conversations.seenElsewhere(seen));
    document.addEventListener("visibilitychange", () => this.reportLocation());
    watchNavigation(() => this.reportLocation());
    await this.connection.start();
  }

  // ---- SDK ----

  async identify(customerId: string, traits: Record<string, string>, userHash: string): Promise<void> {
    const current = await this.token.fresh();
    this.token.set(await requestJson<VisitorTokenResponse>(this.config.base, "POST", "/api/visitors/identify", current, { customerId, traits, userHash }));
    this.reportedPage = null; // the known customer's trail starts with this page
    await this.connection.restart();
  }

  /** SetAttributes ends in the same state when repeated: retried while the failure is transient. */
  setAttributes(attributes: Record<string, string>): Promise<CustomerView> {
    return withRetries(() => this.connection.invoke<CustomerView>(M.setAttributes, attributes));
  }

  async track(event: string, properties: Record<string, string> = {}): Promise<void> {
    await this.connection.invoke(M.track, event, properties);
  }

  open() {
    this.isOpen.value = true;
    this.storage.open = true;
    this.unread.value = 0;
    void this.markRead();
  }

  close() {
    this.isOpen.value = false;
    this.storage.open = false;
  }

  // ---- engaging ----

  /**
   * Starts a conversation with the queue, or with one representative the visitor chose, once the queue's pre-chat
   * form is answered (a problem is shown at its field instead: `preChat.problem`). The attempt has a requestId, kept
   * in storage with the answers until the session id is known: a repeat after a lost answer (a retry here, a second
   * click, a reload, a click in another tab) reaches the same session instead of creating another.
   */
  async startSession(topic: string | null, agentId: string | null = null): Promise<void> {
    if (this.thread.value) return; // another tab started one meanwhile: this tab shows it already
    const form = this.preChat.form.value;
    let answers: Record<string, string> | null = null;
    if (form) {
      const draft = this.preChatDraft();
      this.preChat.problem.value = checkPreChat(form, draft);
      if (this.preChat.problem.value) return;
      answers = formAnswers(form, draft);
    }
    const saved = this.storage.start;
    const reuse = saved && saved.queueId === this.config.queue && Date.now() - saved.at < startResumableMs;
    const request: PendingStart = reuse
      ? { ...saved, topic: topic || null, form: answers ?? saved.form ?? null }
      : { requestId: newClientMessageId(), queueId: this.config.queue, topic: topic || null, agentId, at: Date.now(), form: answers };
    this.storage.start = request;
    await this.runStart(request);
  }

  /** StartSession, retried with the same requestId while the failure is transient (docs/protocol.md, "Which calls are safe to repeat"). */
  private async runStart(request: PendingStart): Promise<void> {
    if (this.starting.value) return;
    this.error.value = null;
    this.starting.value = { agentId: request.agentId };
    const body: StartSessionRequest = { queueId: request.queueId, topic: request.topic, agentId: request.agentId, requestId: request.requestId, form: request.form ?? null };
    try {
      await this.joining(() => withRetries(() => this.connection.invokeWithin<JoinResult>(startConnectWaitMs, M.startSession, body)));
    } catch (error) {
      // A refusal (unknown queue, representative away) ends this attempt; a transient failure keeps its
      // requestId, so the visitor's next try reaches the session if it was made after all.
      if (!isTransient(error) && this.storage.start?.requestId === request.requestId) this.storage.start = null;
      // An answer the server refused goes to its field; the form may have changed since it was read.
      const refused = formFailure(error);
      if (refused) {
        this.preChat.problem.value = refused;
        void this.preChat.refresh();
        return;
      }
      this.error.value = error instanceof ServerError && !isTransient(error) ? error.message : "The chat could not start. Please try again.";
    } finally {
      this.starting.value = null;
    }
  }

  /**
   * Runs a call that starts and joins a session whose id comes with the reply (StartSession, AnswerInvitation),
   * holding the live events that overtake it, and adopts the session (false when the call answered null).
   */
  private async joining(call: () => Promise<JoinResult | null>): Promise<boolean> {
    const early = { messages: [] as ChatMessage[], sessions: [] as SessionView[], positions: [] as QueuePosition[] };
    this.early = early;
    try {
      const result = await call();
      if (result) await this.adopt(result, early);
      return !!result;
    } finally {
      if (this.early === early) this.early = null;
    }
  }

  /** A new session is the widget's conversation from now on (on every page, and in every tab). */
  private async adopt(result: JoinResult, early: NonNullable<VisitorClient["early"]>): Promise<void> {
    const sessionId = result.session.sessionId;
    this.storage.session = { sessionId };
    this.storage.start = null; // answered: a later start must not reach this session again
    // Another tab may have told this one of the same session while the answer was on its way.
    const thread = this.thread.value?.sessionId === sessionId ? this.thread.value : this.show({ sessionId });
    this.early = null;
    try {
      await thread.joinWith(this.connection, async () => {
        // What overtook the reply goes in as live events would have: held until the reply fills what precedes them.
        for (const s of early.sessions) this.onSession(s);
        for (const p of early.positions) this.onPosition(p);
        for (const m of early.messages) this.onMessage(m);
        return result;
      });
    } catch {
      // Paging failed (the connection dropped): the resume step re-joins from what arrived.
    }
  }

  async send(text: string, clientMessageId?: string): Promise<void> {
    const thread = this.thread.value;
    if (!thread) return;
    try {
      await thread.send(this.connection, text, clientMessageId);
    } catch {
      // shown on the message (failed, with retry)
    }
  }

  typed(isTyping: boolean) {
    const thread = this.thread.value;
    if (thread) thread.typed(this.connection, isTyping);
  }

  async leave(): Promise<void> {
    const thread = this.thread.value;
    if (!thread) return;
    const view = await withRetries(() => this.connection.invoke<SessionView>(M.leaveSession, thread.sessionId));
    this.onSession(view);
  }

  async rate(csat: number, nps: number | null, comment: string | null): Promise<void> {
    const thread = this.thread.value;
    if (!thread) return;
    const view = await this.connection.invoke<SessionView>(M.rate, thread.sessionId, csat, nps, comment || null);
    thread.setSession(view);
    this.rated.value = true;
    this.storage.session = { sessionId: thread.sessionId, rated: true };
  }

  /** Back to the start, after a finished conversation (in every tab). */
  newConversation() {
    this.showStart();
    this.storage.session = null;
  }

  /** The answers to the pre-chat form as typed; the name and email are the leave-a-message form's too. */
  preChatDraft(): PreChatDraft {
    const { name, email } = this.conversations.draft;
    return { name: name.value, email: email.value, fields: this.preChat.fields.value, consent: this.preChat.consent.value };
  }

  /** Shows a saved session (not joined yet: the resume step, or the caller, joins it). */
  private show(saved: SavedSession): Thread {
    const thread = new Thread(saved.sessionId, () => this.customerId.value);
    this.position.value = null;
    this.representative.value = null;
    this.rated.value = !!saved.rated;
    this.invitation.value = null;
    this.setThread(thread);
    return thread;
  }

  private showStart() {
    this.setThread(null);
    this.representative.value = null;
    this.position.value = null;
  }

  /**
   * Another tab of this visitor started a conversation, went back to the start, or rated: this tab follows, so one
   * visitor in many tabs has one conversation, live in each (each tab joins it on its own connection).
   */
  private followOtherTab(saved: SavedSession | null) {
    const current = this.thread.value;
    if (!saved) {
      if (current) this.showStart();
      return;
    }
    if (current?.sessionId === saved.sessionId) {
      if (saved.rated) this.rated.value = true;
      return;
    }
    const thread = this.show(saved);
    // While disconnected, the resume step joins it on reconnecting.
    if (this.link.value === "connected") this.rejoin(thread).catch(() => {});
  }

  /** Accepting starts the session on the server (with the inviting agent, or in the rule's queue). */
  async answerInvitation(accept: boolean): Promise<void> {
    const invitation = this.invitation.value;
    if (!invitation) return;
    this.invitation.value = null;
    this.error.value = null;
    if (accept) this.open();
    try {
      await this.joining(() => this.connection.invoke<JoinResult | null>(M.answerInvitation, invitation.invitationId, accept));
    } catch (error) {
      if (accept) this.error.value = error instanceof ServerError ? error.message : "The chat could not start. Please try again.";
    }
  }

  /** What the visitor sees is read: the live chat's messages (receipts to the agent), a lasting conversation's. */
  async markRead(): Promise<void> {
    if (!this.isOpen.value || document.hidden) return;
    this.conversations.seeOpen();
    const thread = this.thread.value;
    if (!thread) return;
    const newest = thread.messages.value.at(-1);
    if (newest) this.conversations.seeSession(thread.sessionId, newest.at);
    await thread.markRead(this.connection, M.markRead);
  }

  /** A conversation and its call go together: a new thread gets a new call controller. */
  private setThread(thread: Thread | null) {
    if (this.thread.value === thread) return;
    this.thread.value?.dispose();
    this.call.value?.dispose();
    this.call.value = thread ? new CallController({ hub: this.connection, sessionId: thread.sessionId, role: "visitor", selfId: () => this.customerId.value }) : null;
    this.thread.value = thread;
  }

  // ---- connection ----

  private hasOpenSession(): boolean {
    const status = this.thread.value?.session.value?.status;
    return !!status && status !== "closed" && status !== "abandoned";
  }

  private page(): string {
    return (location.pathname + location.search).slice(0, 2048);
  }

  /**
   * The resume rule on every (re)connect, drain moves included: page, time zone, directory, the visitor's lasting
   * conversations and the open one (their events are not resumed: read again), the open session from its highest
   * contiguous seq, and a start that a reload (or a lost answer) left unanswered.
   */
  private async resume(): Promise<void> {
    this.reportLocation();
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone) this.connection.send(M.setTimeZone, zone);
    void this.team.watch(this.connection);
    void this.preChat.refresh();
    this.conversations.refresh().catch(() => {
      // The connection dropped again: the next resume reads them.
    });
    const thread = this.thread.value;
    const start = this.storage.start;
    if (!thread && start && !this.starting.value) {
      if (Date.now() - start.at < startResumableMs && start.queueId === this.config.queue) void this.runStart(start);
      else this.storage.start = null;
    }
    if (thread) await this.rejoin(thread);
  }

  /** Joins the shown session from its highest contiguous seq (and resumes its call). */
  private async rejoin(thread: Thread): Promise<void> {
    try {
      const session = await withRetries(() => thread.join(this.connection));
      if (this.thread.value !== thread) return;
      this.onSession(session);
      const call = this.call.value;
      if (call?.sessionId === thread.sessionId) await call.resume();
    } catch (error) {
      // The session is not ours any more (or gone): start fresh.
      if (error instanceof ServerError && (error.code === "not_found" || error.code === "forbidden")) {
        if (this.thread.value === thread) this.newConversation();
      } else {
        throw error;
      }
    }
  }

  /** Stop waiting for the chosen representative and take the next available agent. */
  async waitForAnyAgent(): Promise<void> {
    const thread = this.thread.value;
    if (!thread) return;
    thread.setSession(await this.connection.invoke<SessionView>(M.waitForAnyAgent, thread.sessionId));
    this.representative.value = null;
  }

  /** A new page adds to the trail (TrackPageView moves the tab there too); otherwise only presence changes. */
  private reportLocation() {
    const page = this.page();
    const title = document.title.slice(0, 512);
    if (this.reportedPage !== page && !document.hidden) {
      this.reportedPage = page;
      this.connection.send(M.trackPageView, page, title, document.referrer.slice(0, 2048) || null);
    } else {
      this.connection.send(M.updateLocation, page, title, document.hidden);
    }
    if (!document.hidden) void this.markRead();
  }

  private onPosition(p: QueuePosition) {
    if (this.early && p.sessionId !== this.thread.value?.sessionId) return void this.early.positions.push(p);
    if (p.sessionId === this.thread.value?.sessionId && p.version >= (this.position.value?.version ?? 0)) this.position.value = p;
  }

  private onMessage(message: ChatMessage) {
    const thread = this.thread.value;
    if (this.early && thread?.sessionId !== message.sessionId) return void this.early.messages.push(message);
    if (thread?.sessionId !== message.sessionId) return;
    thread.add([message]);
    if (message.senderId === this.customerId.value) return;
    if (!this.isOpen.value || document.hidden) {
      if (message.kind === "text") this.unread.value++;
    } else {
      void this.markRead();
    }
  }

  private onSession(session: SessionView) {
    const thread = this.thread.value;
    if (this.early && thread?.sessionId !== session.sessionId) return void this.early.sessions.push(session);
    if (thread?.sessionId !== session.sessionId) return;
    thread.setSession(session);
    if (session.status === "active" || session.status === "wrapUp" || session.status === "closed") this.position.value = null;
    if (session.status === "abandoned") this.newConversation();
    if (session.rating) this.rated.value = true;
  }
}
