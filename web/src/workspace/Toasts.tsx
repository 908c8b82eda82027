import type { Workspace } from "./store";
import { BoltIcon, CloseIcon } from "../shared/icons";

/** Proactive-rule alerts and short notices, bottom right; alerts offer to invite the visitor. */
export function Toasts({ workspace, onInvite }: { workspace: Workspace; onInvite: () => void }) {
  const toasts = workspace.toasts.value;
  return (
    <div class="toasts" role="region" aria-label="Notifications" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} class={`toast toast-${t.kind}`} role={t.kind === "error" ? "alert" : "status"}>
          {t.kind === "alert" && <span class="toast-icon" aria-hidden="true"><BoltIcon size={16} /></span>}
          <div class="toast-text">
            <strong>{t.title}</strong>
            <p>{t.text}</p>
            {t.kind === "alert" && t.customerId && (
              <button class="btn btn-sm btn-primary" type="button" onClick={() => { onInvite(); workspace.dismissToast(t.id); }}>See visitor</button>
            )}
          </div>
          <button class="toast-close" type="button" aria-label="Dismiss" onClick={() => workspace.dismissToast(t.id)}><CloseIcon size={14} /></button>
        </div>
      ))}
    </div>
  );
}
