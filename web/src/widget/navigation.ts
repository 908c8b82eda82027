import type { Hub } from "../shared/live";
import { VisitorMethods as M } from "../shared/methods";

/** Single-page apps change pages without loading: calls onChange after pushState, replaceState and popstate. */
export function watchNavigation(onChange: () => void) {
  for (const name of ["pushState", "replaceState"] as const) {
    const original = history[name];
    history[name] = function (this: History, ...args: Parameters<History["pushState"]>) {
      const result = original.apply(this, args);
      setTimeout(onChange, 0);
      return result;
    };
  }
  window.addEventListener("popstate", onChange);
}

/** The page the visitor is on, as the server takes it (path and query, at most 2,048 characters). */
export const currentPage = () => (location.pathname + location.search).slice(0, 2048);

/** The page's title, as the server takes it. */
export const currentTitle = () => document.title.slice(0, 512);

/**
 * Where the visitor is, told to the server: a new page adds to their trail (TrackPageView moves the tab there too);
 * otherwise only the tab's presence changes (UpdateLocation: in front or away).
 */
export class PageReporter {
  private reported: string | null = null;

  constructor(private readonly hub: Hub) {}

  report() {
    const page = currentPage();
    const title = currentTitle();
    if (this.reported !== page && !document.hidden) {
      this.reported = page;
      this.hub.send(M.trackPageView, page, title, document.referrer.slice(0, 2048) || null);
    } else {
      this.hub.send(M.updateLocation, page, title, document.hidden);
    }
  }

  /** The trail starts again with this page (a known customer's, after identify). */
  restart() {
    this.reported = null;
  }
}
