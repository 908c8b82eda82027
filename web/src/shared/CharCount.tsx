import { lengthStatus } from "./limits";

/**
 * "120 characters left" near a text's limit, "15 characters too long" over it (then the form refuses to send);
 * nothing before. Announced politely to screen readers; link it to the field with aria-describedby.
 */
export function CharCount({ id, text, max }: { id: string; text: string; max: number }) {
  const { show, over, left } = lengthStatus(text, max);
  return (
    <span id={id} class={`char-count${over ? " over" : ""}`} aria-live="polite" data-testid="char-count">
      {!show ? "" : over ? `${format(-left)} ${-left === 1 ? "character" : "characters"} too long` : `${format(left)} ${left === 1 ? "character" : "characters"} left`}
    </span>
  );
}

const format = (n: number) => n.toLocaleString("en-US");
