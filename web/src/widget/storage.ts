import type { VisitorTokenResponse } from "../shared/protocol";

// What the widget keeps, per Engagement server. In the site's localStorage, shared by every tab of the visitor: the
// visitor token (the same visitor on every page and visit), the open session (every page and tab shows and resumes
// it: one visitor, one conversation) and a conversation being started (so a reload, or another tab, repeats it with
// the same requestId and reaches the same session instead of creating a second one). In sessionStorage, per tab:
// whether the chat panel is open (it stays open across this tab's pages). Also shared: how far the visitor has read
// each lasting conversation (the newest message's time), so a reply that came while they were away shows as unread.

export interface SavedSession { sessionId: string; rated?: boolean }

/** Per lasting conversation: the time (ms) of the newest message the visitor has seen in it. */
export type SeenConversations = Record<string, number>;

/**
 * A StartSession whose answer has not arrived yet: repeated with the same requestId (and the same answers to the
 * queue's pre-chat form, which the server checks again) until it does.
 */
export interface PendingStart { requestId: string; queueId: string; topic: string | null; agentId: string | null; at: number; form?: Record<string, string> | null }

function read<T>(storage: () => Storage, key: string): T | null {
  try {
    return JSON.parse(storage().getItem(key) ?? "null") as T | null;
  } catch {
    return null;
  }
}

function write(storage: () => Storage, key: string, value: unknown) {
  try {
    if (value === null) storage().removeItem(key);
    else storage().setItem(key, JSON.stringify(value));
  } catch {
    // storage full or blocked (private mode): the widget still works for this page
  }
}

const shared = () => localStorage;
const tab = () => sessionStorage;

export class WidgetStorage {
  private readonly keys;

  constructor(base: string) {
    this.keys = { token: `engagement.visitor@${base}`, session: `engagement.session@${base}`, start: `engagement.start@${base}`, open: `engagement.open@${base}`, seen: `engagement.seen@${base}` };
  }

  get token(): VisitorTokenResponse | null { return read<VisitorTokenResponse>(shared, this.keys.token); }
  set token(value: VisitorTokenResponse | null) { write(shared, this.keys.token, value); }

  get session(): SavedSession | null { return read<SavedSession>(shared, this.keys.session); }
  set session(value: SavedSession | null) { write(shared, this.keys.session, value); }

  get start(): PendingStart | null { return read<PendingStart>(shared, this.keys.start); }
  set start(value: PendingStart | null) { write(shared, this.keys.start, value); }

  get seen(): SeenConversations { return read<SeenConversations>(shared, this.keys.seen) ?? {}; }
  set seen(value: SeenConversations) { write(shared, this.keys.seen, value); }

  get open(): boolean { return read<boolean>(tab, this.keys.open) ?? false; }
  set open(value: boolean) { write(tab, this.keys.open, value || null); }

  /**
   * Another tab of this visitor saved a session (started, ended, rated, or went back to the start). The browser's
   * `storage` event tells every other tab of the site, never the one that wrote.
   */
  onSessionChanged(callback: (session: SavedSession | null) => void) {
    window.addEventListener("storage", (event) => {
      if (event.storageArea === localStorage && (event.key === this.keys.session || event.key === null)) callback(this.session);
    });
  }

  /** Another tab of this visitor read a conversation. */
  onSeenChanged(callback: (seen: SeenConversations) => void) {
    window.addEventListener("storage", (event) => {
      if (event.storageArea === localStorage && (event.key === this.keys.seen || event.key === null)) callback(this.seen);
    });
  }
}
