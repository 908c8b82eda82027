/** Settings from the embedding script tag's data-* attributes. */
export interface WidgetConfig {
  /** Engagement server origin: where widget.js was loaded from. */
  base: string;
  /** Queue to talk to (data-queue, default "support"). */
  queue: string;
  /** How the team is named to visitors (data-team, default "our team"). */
  team: string;
  /** The company's name in the header (data-brand). */
  brand: string;
  /** Accent colour (data-color), e.g. "#0f766e". */
  color: string | null;
  /** Greeting (data-greeting). */
  greeting: string;
}

export function readConfig(script: HTMLScriptElement | null): WidgetConfig {
  const data = script?.dataset ?? {};
  const base = script?.src ? new URL(script.src, location.href).origin : location.origin;
  return {
    base,
    queue: data.queue || "support",
    team: data.team || "our team",
    brand: data.brand || document.title.split(/[|–—-]/)[0].trim() || "Support",
    color: data.color && /^#[0-9a-f]{3,8}$/i.test(data.color) ? data.color : null,
    greeting: data.greeting || "Hi there!",
  };
}
