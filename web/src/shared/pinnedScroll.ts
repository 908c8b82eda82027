import { useEffect, useLayoutEffect, useRef } from "preact/hooks";

/**
 * A conversation's scroller that stays at the bottom while the reader is there, and leaves them alone once they scrolled
 * up: after new lines (`deps`), when the box gets smaller (a file list opens under it), and when an image in it loads.
 */
export function usePinnedScroll(deps: unknown[]) {
  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const stick = () => {
    const el = scroller.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  };

  useLayoutEffect(stick, deps);
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const onScroll = () => (pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40);
    el.addEventListener("scroll", onScroll);
    el.addEventListener("load", stick, true); // an image's load does not bubble: caught on its way down
    const resized = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(stick);
    resized?.observe(el);
    return () => {
      el.removeEventListener("scroll", onScroll);
      el.removeEventListener("load", stick, true);
      resized?.disconnect();
    };
  }, []);
  return scroller;
}
