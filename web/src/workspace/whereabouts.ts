import type { CustomerPresence, SiteVisitor } from "../shared/protocol";
import type { SessionEntry } from "./sessionEntry";

/** Where a session's visitor is: presence and the page their web tab shows. */
export interface Whereabouts { presence: CustomerPresence; page: string | null; title: string | null }

/**
 * The session's `customerPresence` events say where the visitor is once something changes; until then (an agent
 * who just accepted) the site's visitor list, watched anyway, says where they are now. A visitor in neither has
 * left the site, once that list is known.
 */
export function whereabouts(entry: SessionEntry, visitors: ReadonlyMap<string, SiteVisitor>, visitorsKnown: boolean): Whereabouts | null {
  const presence = entry.presence.value;
  if (presence) {
    const web = presence.channels.find((c) => c.channel === "web");
    return { presence: presence.overall, page: web?.currentPage ?? null, title: web?.pageTitle ?? null };
  }
  const visitor = entry.customerId ? visitors.get(entry.customerId) : undefined;
  if (visitor) return { presence: visitor.presence, page: visitor.currentPage, title: visitor.pageTitle };
  return visitorsKnown && entry.customerId ? { presence: "offline", page: null, title: null } : null;
}
