// What the widget looks like and says: the embedding script tag's settings (data-*) win, then the admin's saved
// settings (GET /api/widget/settings), then the defaults here, the one place the widget's own texts live.
import type { WidgetSettings } from "../shared/protocol";

/** The widget's own texts: what a site shows when neither its script tag nor an admin set one. */
export const widgetDefaults = {
  greetingTitle: "Hi there!",
  greetingText: "Questions about plans, billing or your account? We're real people and happy to help.",
  startLabel: "Chat with our team",
  offlineText: "Nobody is online right now — leave a message and we'll reply soon",
  closedText: "We're closed now — leave a message and we'll reply soon",
  /** The header's name when nothing names it and the page has no title. */
  headerName: "Support",
} as const;

/** What the script tag set (null where it set nothing). */
export interface EmbedSettings {
  team: string | null;
  brand: string | null;
  color: string | null;
  greeting: string | null;
}

/** Everything the widget shows that a site or an admin can change, resolved. */
export interface Appearance {
  /** The accent colour, or null for the palette's own. */
  color: string | null;
  position: "left" | "right";
  /** The name in the header, on invitations and in the dialog's label. */
  brand: string;
  greetingTitle: string;
  greetingText: string;
  startLabel: string;
  offlineText: string;
  closedText: string;
}

/** The tag's value, else the saved setting, else the default; the page title's first part names a header nobody named. */
export function resolveAppearance(embed: EmbedSettings, saved: WidgetSettings | null, pageTitle: string): Appearance {
  return {
    color: embed.color ?? saved?.brandColor ?? null,
    position: saved?.position === "left" ? "left" : "right",
    brand: embed.brand ?? saved?.headerName ?? (pageTitle.split(/[|–—-]/)[0].trim() || widgetDefaults.headerName),
    greetingTitle: embed.greeting ?? saved?.greetingTitle ?? widgetDefaults.greetingTitle,
    greetingText: saved?.greetingText ?? widgetDefaults.greetingText,
    startLabel: embed.team !== null ? `Chat with ${embed.team}` : saved?.startLabel ?? widgetDefaults.startLabel,
    offlineText: saved?.offlineText ?? widgetDefaults.offlineText,
    closedText: saved?.closedText ?? widgetDefaults.closedText,
  };
}

/** The shadow root's rule that paints the widget in `color` (null: none, the palette's own). */
export function brandColorCss(color: string | null): string {
  return color ? `:host{--brand-500:${color};--brand-600:${color};--brand-700:${color}}` : "";
}
