import type { VisitorToken } from "../shared/protocol";

// What the widget keeps in the site's localStorage, per Engagement server: the visitor token (so the
// same visitor comes back on every page and visit), the open session (so a new page resumes it), and a
// conversation being started (so a reload before StartSession answered repeats it with the same requestId
// and reaches the same session instead of creating a second one).

export interface SavedSession { sessionId: string; rated?: boolean }

/** A StartSession whose answer has not arrived yet: repeated with the same requestId until it does. */
export interface PendingStart { requestId: string; queueId: string; topic: string | null; agentId: string | null; at: number }

function read<T>(key: string): T | null {
  try {
    return JSON.parse(localStorage.getItem(key) ?? "null") as T | null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown) {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage full or blocked (private mode): the widget still works for this page
  }
}

export class WidgetStorage {
  constructor(private readonly base: string) {}

  get token(): VisitorToken | null { return read<VisitorToken>(`engagement.visitor@${this.base}`); }
  set token(value: VisitorToken | null) { write(`engagement.visitor@${this.base}`, value); }

  get session(): SavedSession | null { return read<SavedSession>(`engagement.session@${this.base}`); }
  set session(value: SavedSession | null) { write(`engagement.session@${this.base}`, value); }

  get start(): PendingStart | null { return read<PendingStart>(`engagement.start@${this.base}`); }
  set start(value: PendingStart | null) { write(`engagement.start@${this.base}`, value); }
}
