import { signal, type Signal } from "@preact/signals";
import type { LiveConnection } from "../shared/live";
import { ServerError, isTransient } from "../shared/errors";
import { newClientMessageId } from "../shared/ids";
import { withRetries } from "../shared/retry";
import { VisitorMethods as M } from "../shared/methods";
import type { ChatMessage, JoinResult, QueuePosition, SessionView, StartSessionRequest } from "../shared/protocol";
import type { PendingStart, WidgetStorage } from "./storage";
import type { LiveChat } from "./liveChat";
import { checkPreChat, formAnswers, formFailure, type PreChat, type PreChatDraft } from "./prechat";

/** A start left unanswered by a reload is repeated on the next page only this long after it was asked for. */
const startResumableMs = 10 * 60_000;
/** How long one StartSession attempt waits for a connection that is down before it counts as failed. */
const startConnectWaitMs = 15_000;

/** Live events of a session whose start is on its way (its id is not known yet). */
export interface EarlyEvents { messages: ChatMessage[]; sessions: SessionView[]; positions: QueuePosition[] }

/** What starting a session needs of the visitor's client. */
export interface StartHost {
  readonly connection: LiveConnection;
  readonly storage: WidgetStorage;
  readonly queue: string;
  readonly preChat: PreChat;
  /** Why the last start failed, in words (a pre-chat answer's problem goes to its field instead). */
  readonly error: Signal<string | null>;
  /** The chat this tab shows, if any (another tab may have started one meanwhile). */
  shown(): LiveChat | null;
  /** Shows `sessionId` as the open session (not joined yet). */
  show(sessionId: string): LiveChat;
  /** The pre-chat form's answers as typed. */
  draft(): PreChatDraft;
  /** Live events that overtook a reply, handled as they would have been had they come after it. */
  replay(early: EarlyEvents): void;
}

/**
 * Starting a session at most once (docs/web.md, "Starting a conversation"): StartSession with a requestId kept in
 * storage with the pre-chat answers until the session id is known, retried with it while the failure is transient, and
 * repeated by the next page when a reload left it unanswered, so a lost answer, a second click or a click in another tab
 * reaches the same session. Accepting an invitation starts one too. While a reply is on its way, the new session's live
 * events (which may overtake it) are held in `early` and replayed once the session is shown (the resume rule).
 */
export class SessionStarts {
  /** A conversation being started (StartSession on its way, retried while the failure is transient). */
  readonly starting = signal<{ agentId: string | null } | null>(null);
  /** Set while a start's reply is on its way: the client puts events of a session it does not show here. */
  early: EarlyEvents | null = null;

  constructor(private readonly host: StartHost) {}

  /**
   * Starts a conversation with the queue, or with one representative the visitor chose, once the queue's pre-chat
   * form is answered (a problem is shown at its field instead: `preChat.problem`).
   */
  async start(topic: string | null, agentId: string | null = null): Promise<void> {
    const { storage, preChat, queue } = this.host;
    if (this.host.shown()) return; // another tab started one meanwhile: this tab shows it already
    const form = preChat.form.value;
    let answers: Record<string, string> | null = null;
    if (form) {
      const draft = this.host.draft();
      preChat.problem.value = checkPreChat(form, draft);
      if (preChat.problem.value) return;
      answers = formAnswers(form, draft);
    }
    const saved = storage.start;
    const reuse = saved && saved.queueId === queue && Date.now() - saved.at < startResumableMs;
    const request: PendingStart = reuse
      ? { ...saved, topic: topic || null, form: answers ?? saved.form ?? null }
      : { requestId: newClientMessageId(), queueId: queue, topic: topic || null, agentId, at: Date.now(), form: answers };
    storage.start = request;
    await this.run(request);
  }

  /** On every (re)connect with no session shown: a start that a reload (or a lost answer) left unanswered is repeated. */
  resume() {
    const { storage, queue } = this.host;
    const start = storage.start;
    if (!start || this.starting.value) return;
    if (Date.now() - start.at < startResumableMs && start.queueId === queue) void this.run(start);
    else storage.start = null;
  }

  /** AnswerInvitation: accepting starts the session on the server (with the inviting agent, or in the rule's queue). */
  async answerInvitation(invitationId: string, accept: boolean): Promise<void> {
    this.host.error.value = null;
    try {
      await this.joining(() => this.host.connection.invoke<JoinResult | null>(M.answerInvitation, invitationId, accept));
    } catch (error) {
      if (accept) this.host.error.value = error instanceof ServerError ? error.message : "The chat could not start. Please try again.";
    }
  }

  /** StartSession, retried with the same requestId while the failure is transient (docs/protocol.md, "Which calls are safe to repeat"). */
  private async run(request: PendingStart): Promise<void> {
    const { storage, preChat, error: shownError } = this.host;
    if (this.starting.value) return;
    shownError.value = null;
    this.starting.value = { agentId: request.agentId };
    const body: StartSessionRequest = { queueId: request.queueId, topic: request.topic, agentId: request.agentId, requestId: request.requestId, form: request.form ?? null };
    try {
      await this.joining(() => withRetries(() => this.host.connection.invokeWithin<JoinResult>(startConnectWaitMs, M.startSession, body)));
    } catch (error) {
      // A refusal (unknown queue, representative away) ends this attempt; a transient failure keeps its
      // requestId, so the visitor's next try reaches the session if it was made after all.
      if (!isTransient(error) && storage.start?.requestId === request.requestId) storage.start = null;
      // An answer the server refused goes to its field; the form may have changed since it was read.
      const refused = formFailure(error);
      if (refused) {
        preChat.problem.value = refused;
        void preChat.refresh();
        return;
      }
      shownError.value = error instanceof ServerError && !isTransient(error) ? error.message : "The chat could not start. Please try again.";
    } finally {
      this.starting.value = null;
    }
  }

  /**
   * Runs a call that starts and joins a session whose id comes with the reply (StartSession, AnswerInvitation),
   * holding the live events that overtake it, and adopts the session (false when the call answered null).
   */
  private async joining(call: () => Promise<JoinResult | null>): Promise<boolean> {
    const early: EarlyEvents = { messages: [], sessions: [], positions: [] };
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
  private async adopt(result: JoinResult, early: EarlyEvents): Promise<void> {
    const { storage } = this.host;
    const sessionId = result.session.sessionId;
    storage.session = { sessionId };
    storage.start = null; // answered: a later start must not reach this session again
    // Another tab may have told this one of the same session while the answer was on its way.
    const shown = this.host.shown();
    const chat = shown?.sessionId === sessionId ? shown : this.host.show(sessionId);
    this.early = null;
    try {
      // What overtook the reply goes in as live events would have: held until the reply fills what precedes them.
      await chat.thread.joinWith(this.host.connection, async () => {
        this.host.replay(early);
        return result;
      });
    } catch {
      // Paging failed (the connection dropped): the resume step re-joins from what arrived.
    }
  }
}
