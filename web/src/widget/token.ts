import { signal } from "@preact/signals";
import { requestJson } from "../shared/http";
import type { VisitorTokenResponse } from "../shared/protocol";
import type { WidgetStorage } from "./storage";

/** A token with less than this left is refreshed before it is used. */
const refreshBeforeMs = 7 * 24 * 3600_000;

/**
 * The visitor's token: kept in storage (the same visitor on every page, tab and visit), refreshed a week before it
 * expires, and replaced by a new anonymous visitor when it cannot be refreshed.
 */
export class VisitorToken {
  readonly customerId = signal<string>("");
  private token: VisitorTokenResponse | null = null;

  constructor(private readonly base: string, private readonly storage: WidgetStorage) {}

  set(token: VisitorTokenResponse) {
    this.token = token;
    this.customerId.value = token.customerId;
    this.storage.token = token;
  }

  /** A token good for at least a week, for the next connection or request. */
  async fresh(): Promise<string> {
    this.token ??= this.storage.token;
    const left = this.token ? Date.parse(this.token.expiresAt) - Date.now() : -1;
    if (this.token && left > refreshBeforeMs) {
      this.customerId.value = this.token.customerId;
      return this.token.token;
    }
    if (this.token && left > 60_000) {
      try {
        this.set(await requestJson<VisitorTokenResponse>(this.base, "POST", "/api/visitors/refresh", this.token.token));
        return this.token!.token;
      } catch {
        // fall through to a new visitor
      }
    }
    this.set(await requestJson<VisitorTokenResponse>(this.base, "POST", "/api/visitors"));
    return this.token!.token;
  }
}
