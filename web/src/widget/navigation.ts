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
