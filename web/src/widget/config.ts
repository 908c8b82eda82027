import type { EmbedSettings } from "./appearance";

/** Settings from the embedding script tag's data-* attributes. */
export interface WidgetConfig extends EmbedSettings {
  /** Engagement server origin: where widget.js was loaded from. */
  base: string;
  /** Queue to talk to (data-queue, default "support"). */
  queue: string;
  /** How the team is named to visitors (data-team: "Chat with …"), null when the tag leaves it out. */
  team: string | null;
  /** The company's name in the header (data-brand), or null. */
  brand: string | null;
  /** Accent colour (data-color), e.g. "#0f766e", or null. */
  color: string | null;
  /** Greeting (data-greeting), or null. */
  greeting: string | null;
}

export function readConfig(script: HTMLScriptElement | null): WidgetConfig {
  const data = script?.dataset ?? {};
  const base = script?.src ? new URL(script.src, location.href).origin : location.origin;
  return {
    base,
    queue: data.queue || "support",
    team: data.team || null,
    brand: data.brand || null,
    color: data.color && /^#[0-9a-f]{3,8}$/i.test(data.color) ? data.color : null,
    greeting: data.greeting || null,
  };
}
