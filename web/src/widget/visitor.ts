import { computed, signal } from "@preact/signals";
import { LiveConnection, type LinkState } from "../shared/live";
import { requestJson } from "../shared/http";
import { ServerError } from "../shared/errors";
import { withRetries } from "../shared/retry";
import { VisitorMethods as M } from "../shared/methods";
import { Attachments } from "../shared/attachments/client";
import { Events } from "../shared/protocol";
import type {
  CallTrack, CallView, ChatMessage, ConversationView, CustomerView, DirectoryChange, Invitation, QueueForm, QueuePosition,
  ReadReceipt, RepresentativeNotice, SessionView, TypingNotice, VisitorTokenResponse, WidgetSettings,
} from "../shared/protocol";
import type { WidgetConfig } from "./config";
import { resolveAppearance, type Appearance } from "./appearance";
import { PageReporter, currentPage, currentTitle, watchNavigation } from "./navigation";
import { WidgetStorage, type SavedSession } from "./storage";
import { TeamAvailability } from "./team";
import { VisitorToken } from "./token";
import { VisitorConversations } from "./conversations";
import { PreChat, type PreChatDraft } from "./prechat";
import { LiveChat } from "./liveChat";
import { SessionStarts } from "./starting";

/**
 * The visitor's side: the hub connection and the open session (starting it, then following it: the same one in every
 * tab, through the reconnects), and invitations. The open session itself (chat, typing, reads, place in line, rating,
 * its call, files) is LiveChat's; who can answer is TeamAvailability's, the token VisitorToken's, the lasting
 * conversations (messages left, replies) VisitorConversations', the queue's pre-chat form and its answers PreChat's,
 * files' links Attachments'. The UI renders their signals; the SDK (index.tsx) calls its methods.
 */
export class VisitorClient {
  readonly link = signal<LinkState>("connecting");
  readonly isOpen = signal(false);
  /** The open session; null on the start screen. */
  readonly chat = signal<LiveChat | null>(null);
  readonly invitation = signal<Invitation | null>(null);
  readonly unread = signal(0);
  readonly error = signal<string | null>(null);
  /** The admin's saved look and texts; null until they arrive (or when the server cannot say: the defaults stay). */
  readonly settings = signal<WidgetSettings | null>(null);
  /** What the widget looks like and says: the script tag's settings, else the saved ones, else the defaults. */
  readonly appearance = computed<Appearance>(() => resolveAppearance(this.config, this.settings.value, document.title));
  /** A conversation being started (StartSession on its way, retried while the failure is transient). */
  readonly starting: SessionStarts["starting"];

  readonly team: TeamAvailability;
  readonly directory: TeamAvailability["directory"];
  readonly online: TeamAvailability["online"];
  readonly agentsOnline: TeamAvailability["agentsOnline"];
  readonly customerId: VisitorToken["customerId"];
  readonly conversations: VisitorConversations;
  readonly preChat: PreChat;
  readonly attachments: Attachments;

  private readonly storage: WidgetStorage;
  private readonly token: VisitorToken;
  private readonly connection: LiveConnection;
  private readonly starts: SessionStarts;
  private readonly pages: PageReporter;

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
      url: () => `${config.base}/hubs/visitor?page=${encodeURIComponent(currentPage())}&title=${encodeURIComponent(currentTitle())}&away=${document.hidden}`,
      token: () => this.token.fresh(),
      resume: () => this.resume(),
      onState: (state) => (this.link.value = state),
    });
    this.pages = new PageReporter(this.connection);
    this.attachments = new Attachments(config.base, () => this.token.fresh());
    this.conversations = new VisitorConversations(this.connection, { load: () => this.storage.seen, save: (seen) => (this.storage.seen = seen) },
      () => this.customerId.value, () => this.isOpen.value && !document.hidden, (scope) => this.attachments.pending(scope));
    this.preChat = new PreChat(async () => requestJson<QueueForm>(config.base, "GET",
      `/api/queues/${encodeURIComponent(config.queue)}/form`, await this.token.fresh()));
    this.starts = new SessionStarts({
      connection: this.connection, storage: this.storage, queue: config.queue, preChat: this.preChat, error: this.error,
      shown: () => this.chat.value,
      show: (sessionId) => this.show({ sessionId }),
      draft: () => this.preChatDraft(),
      replay: (early) => {
        for (const s of early.sessions) this.onSession(s);
        for (const p of early.positions) this.onPosition(p);
        for (const m of early.messages) this.onMessage(m);
      },
    });
    this.starting = this.starts.starting;
    this.connection.on<ConversationView>(Events.conversation, (view) => this.conversations.onConversation(view));
    this.connection.on<ChatMessage>(Events.conversationMessage, (m) => {
      if (this.conversations.onMessage(m) && (!this.isOpen.value || document.hidden)) this.unread.value++;
    });
    this.connection.on<ChatMessage>(Events.message, (m) => this.onMessage(m));
    this.connection.on<SessionView>(Events.session, (s) => this.onSession(s));
    this.connection.on<QueuePosition>(Events.queuePosition, (p) => this.onPosition(p));
    this.connection.on<TypingNotice>(Events.typing, (n) => this.chatOf(n.sessionId)?.onTyping(n));
    this.connection.on<ReadReceipt>(Events.read, (r) => this.chatOf(r.sessionId)?.thread.read(r));
    this.connection.on<Invitation>(Events.invitation, (i) => {
      if (this.chat.value?.isOpen) return;
      this.invitation.value = i;
      // Shown until it expires or is answered.
      setTimeout(() => { if (this.invitation.value?.invitationId === i.invitationId) this.invitation.value = null; },
        Math.max(0, Date.parse(i.expiresAt) - Date.now()));
    });
    this.connection.on<CallView>(Events.call, (view) => {
      const call = this.chatOf(view.sessionId)?.call;
      if (!call) return;
      call.onCall(view);
      if (call.phase.value === "incoming" && !this.isOpen.value) this.open();
    });
    this.connection.on<CallTrack>(Events.callTrack, (track) => this.chatOf(track.sessionId)?.call.onTrack(track));
    this.connection.on<DirectoryChange>(Events.directoryPresence, (change) => this.team.changed(change));
    this.connection.on<RepresentativeNotice>(Events.representative, (n) => this.chatOf(n.sessionId)?.onRepresentative(n));
  }

  /** Reads the saved look and texts; no token needed. A failure keeps the defaults, which are a working widget. */
  private async loadSettings(): Promise<void> {
    try {
      this.settings.value = await requestJson<WidgetSettings>(this.config.base, "GET", "/api/widget/settings");
    } catch {
      // Nothing to show the visitor: the widget as it ships is a fine widget.
    }
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
    void this.loadSettings();
    await this.connection.start();
  }

  // ---- SDK ----

  async identify(customerId: string, traits: Record<string, string>, userHash: string): Promise<void> {
    const current = await this.token.fresh();
    this.token.set(await requestJson<VisitorTokenResponse>(this.config.base, "POST", "/api/visitors/identify", current, { customerId, traits, userHash }));
    this.pages.restart(); // the known customer's trail starts with this page
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

  /** Starts a conversation with the queue, or with the representative the visitor chose (SessionStarts: at most once). */
  startSession(topic: string | null, agentId: string | null = null): Promise<void> {
    return this.starts.start(topic, agentId);
  }

  async leave(): Promise<void> {
    const chat = this.chat.value;
    if (chat) this.onSession(await chat.leave());
  }

  /** The rating, remembered in every tab (they show the thanks). */
  async rate(csat: number, nps: number | null, comment: string | null): Promise<void> {
    const chat = this.chat.value;
    if (!chat) return;
    await chat.rate(csat, nps, comment);
    this.storage.session = { sessionId: chat.sessionId, rated: true };
  }

  /** Back to the start, after a finished conversation (in every tab). */
  newConversation() {
    this.setChat(null);
    this.storage.session = null;
  }

  /** The answers to the pre-chat form as typed; the name and email are the leave-a-message form's too. */
  preChatDraft(): PreChatDraft {
    const { name, email } = this.conversations.draft;
    return { name: name.value, email: email.value, fields: this.preChat.fields.value, consent: this.preChat.consent.value };
  }

  /** Shows a saved session (not joined yet: the resume step, or the caller, joins it). */
  private show(saved: SavedSession): LiveChat {
    const chat = new LiveChat(saved.sessionId, this.connection, () => this.customerId.value, this.attachments, !!saved.rated);
    this.invitation.value = null;
    this.setChat(chat);
    return chat;
  }

  /**
   * Another tab of this visitor started a conversation, went back to the start, or rated: this tab follows, so one
   * visitor in many tabs has one conversation, live in each (each tab joins it on its own connection).
   */
  private followOtherTab(saved: SavedSession | null) {
    const current = this.chat.value;
    if (!saved) {
      if (current) this.setChat(null);
      return;
    }
    if (current?.sessionId === saved.sessionId) {
      if (saved.rated) current.rated.value = true;
      return;
    }
    const chat = this.show(saved);
    // While disconnected, the resume step joins it on reconnecting.
    if (this.link.value === "connected") this.rejoin(chat).catch(() => {});
  }

  /** Accepting starts the session on the server (with the inviting agent, or in the rule's queue). */
  async answerInvitation(accept: boolean): Promise<void> {
    const invitation = this.invitation.value;
    if (!invitation) return;
    this.invitation.value = null;
    if (accept) this.open();
    await this.starts.answerInvitation(invitation.invitationId, accept);
  }

  /** What the visitor sees is read: the live chat's messages (receipts to the agent), a lasting conversation's. */
  async markRead(): Promise<void> {
    if (!this.isOpen.value || document.hidden) return;
    this.conversations.seeOpen();
    const chat = this.chat.value;
    if (!chat) return;
    const newest = chat.thread.messages.value.at(-1);
    if (newest) this.conversations.seeSession(chat.sessionId, newest.at);
    await chat.markRead();
  }

  private setChat(chat: LiveChat | null) {
    if (this.chat.value === chat) return;
    this.chat.value?.dispose();
    this.chat.value = chat;
  }

  /** The open session, when it is `sessionId`'s (events of any other are not this tab's business now). */
  private chatOf(sessionId: string): LiveChat | null {
    const chat = this.chat.value;
    return chat?.sessionId === sessionId ? chat : null;
  }

  // ---- connection ----

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
    const chat = this.chat.value;
    if (chat) await this.rejoin(chat);
    else this.starts.resume();
  }

  /** Joins the shown session from its highest contiguous seq (and resumes its call). */
  private async rejoin(chat: LiveChat): Promise<void> {
    try {
      const session = await withRetries(() => chat.thread.join(this.connection));
      if (this.chat.value !== chat) return;
      this.onSession(session);
      await chat.call.resume();
    } catch (error) {
      // The session is not ours any more (or gone): start fresh.
      if (error instanceof ServerError && (error.code === "not_found" || error.code === "forbidden")) {
        if (this.chat.value === chat) this.newConversation();
      } else {
        throw error;
      }
    }
  }

  /** Where the visitor is; a page in front shows what the widget shows, which is read then. */
  private reportLocation() {
    this.pages.report();
    if (!document.hidden) void this.markRead();
  }

  private onPosition(p: QueuePosition) {
    const chat = this.chatOf(p.sessionId);
    if (this.starts.early && !chat) return void this.starts.early.positions.push(p);
    chat?.onPosition(p);
  }

  private onMessage(message: ChatMessage) {
    const chat = this.chatOf(message.sessionId);
    if (this.starts.early && !chat) return void this.starts.early.messages.push(message);
    if (!chat) return;
    chat.thread.add([message]);
    if (message.senderId === this.customerId.value) return;
    if (!this.isOpen.value || document.hidden) {
      if (message.kind === "text") this.unread.value++;
    } else {
      void this.markRead();
    }
  }

  private onSession(session: SessionView) {
    const chat = this.chatOf(session.sessionId);
    if (this.starts.early && !chat) return void this.starts.early.sessions.push(session);
    if (!chat) return;
    chat.onSession(session);
    if (session.status === "abandoned") this.newConversation();
  }
}
