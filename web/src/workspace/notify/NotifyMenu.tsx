import { useEffect, useRef, useState } from "preact/hooks";
import type { Notifier } from "./notifier";
import type { Permission } from "./rules";
import { BellIcon } from "../../shared/icons";

const desktopHint: Record<Permission, string> = {
  granted: "Click one to open its chat or offer",
  default: "Your browser asks you first",
  denied: "Blocked: allow notifications for this site in your browser's settings",
  unsupported: "Not available in this browser",
};

/**
 * The top bar's bell: the agent turns each way of being told of a new chat or message (when the tab is in the
 * background, or it is not the chat on screen) on or off. Escape or a click elsewhere closes it.
 */
export function NotifyMenu({ alerts }: { alerts: Notifier }) {
  const [open, setOpen] = useState(false);
  const anchor = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const settings = alerts.settings.value;
  const permission = alerts.permission.value;
  useEffect(() => {
    if (!open) return;
    anchor.current?.querySelector<HTMLInputElement>("#notify-menu input")?.focus();
    const outside = (e: PointerEvent) => { if (!anchor.current?.contains(e.target as Node)) setOpen(false); };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [open]);
  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };

  return (
    <div ref={anchor} class="ib-menu-anchor" onKeyDown={(e) => { if (e.key === "Escape" && open) { e.preventDefault(); close(); } }}>
      <button ref={toggle} class="btn btn-ghost icon-btn" type="button" aria-label="Notifications" title="Notifications"
        aria-expanded={open} aria-controls="notify-menu" onClick={() => (open ? close() : setOpen(true))}>
        <BellIcon size={18} />
      </button>
      {open && (
        <div id="notify-menu" class="ib-menu notify-menu" role="group" aria-labelledby="notify-menu-title">
          <p id="notify-menu-title" class="notify-menu-title">Tell me of new chats and messages</p>
          <Choice id="notify-sound" label="Sound" hint="A chime for a new chat, a softer one for a message"
            checked={settings.sound} onChange={(on) => alerts.choose({ sound: on })} />
          <Choice id="notify-desktop" label="Desktop notifications" hint={desktopHint[permission]}
            checked={settings.desktop && permission === "granted"} disabled={permission === "denied" || permission === "unsupported"}
            onChange={(on) => void alerts.setDesktop(on)} />
          <Choice id="notify-badge" label="Count in the tab's title" hint="While this tab is in the background; cleared when you look"
            checked={settings.badge} onChange={(on) => alerts.choose({ badge: on })} />
        </div>
      )}
    </div>
  );
}

/** A choice: the whole row toggles it; its name is the label alone, the hint describes it. */
function Choice({ id, label, hint, checked, disabled, onChange }: {
  id: string; label: string; hint: string; checked: boolean; disabled?: boolean; onChange: (on: boolean) => void;
}) {
  return (
    <label class="notify-choice" for={id}>
      <input id={id} type="checkbox" checked={checked} disabled={disabled} aria-labelledby={`${id}-label`} aria-describedby={`${id}-hint`}
        onChange={(e) => onChange(e.currentTarget.checked)} />
      <span><strong id={`${id}-label`}>{label}</strong><span id={`${id}-hint`} class="subtle">{hint}</span></span>
    </label>
  );
}
