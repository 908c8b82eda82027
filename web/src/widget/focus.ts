import { useEffect } from "preact/hooks";
import type { RefObject } from "preact";

/** The view's first control: its `[data-autofocus]` (the question, the composer, the rating), else its first field or button. */
export function focusFirst(root: ParentNode) {
  (root.querySelector<HTMLElement>("[data-autofocus]") ?? root.querySelector<HTMLElement>("textarea, input, button"))?.focus();
}

/**
 * Keeps keyboard focus in the open panel when the view under it changes (the start screen gives way to the chat,
 * the composer to the rating, the rating to its thanks): when the element that had focus leaves the page, focus
 * goes to the new view's first control instead of falling to the page's body, where typing and Enter would be lost.
 * Focus the visitor moved out of the panel on purpose is left alone.
 */
export function useFocusKeeper(panel: RefObject<HTMLElement | null>, open: boolean) {
  useEffect(() => {
    const root = panel.current;
    if (!open || !root) return;
    let focused: Element | null = null;
    const onFocusIn = (event: FocusEvent) => (focused = event.target as Element);
    const observer = new MutationObserver(() => {
      if (!focused || focused.isConnected) return;
      focused = null;
      const active = document.activeElement;
      if (!active || active === document.body) focusFirst(root);
    });
    root.addEventListener("focusin", onFocusIn);
    observer.observe(root, { childList: true, subtree: true });
    return () => {
      root.removeEventListener("focusin", onFocusIn);
      observer.disconnect();
    };
  }, [open]);
}
