import { useEffect, useState } from "preact/hooks";

/** Loads a list for a tab and loads it again on demand (after a save). */
export function useLoad<T>(load: () => Promise<T>): { data: T | null; error: unknown; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    load().then((value) => live && (setData(value), setError(null)), (e) => live && setError(e));
    return () => { live = false; };
  }, [round]);
  return { data, error, reload: () => setRound((n) => n + 1) };
}
