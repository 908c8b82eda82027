import type { ComponentChildren } from "preact";

/** A list's table in a card that scrolls sideways when narrow; focusable so keyboards can scroll it too. */
export function TableCard({ label, children }: { label: string; children: ComponentChildren }) {
  return <div class="card table-wrap" role="region" aria-label={label} tabIndex={0}>{children}</div>;
}
