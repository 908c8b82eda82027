// The browser's Notification API: the permission, asked for only from the agent's click, and the notifications
// shown, one per tag (a newer one with the same tag replaces the last), closed once the agent is back.
import type { Notice, Permission } from "./rules";

export function currentPermission(): Permission {
  return typeof Notification === "undefined" ? "unsupported" : Notification.permission;
}

/** Asks the browser; call it from a click (browsers ignore, or block, a request without one). */
export async function askPermission(): Promise<Permission> {
  if (typeof Notification === "undefined") return "unsupported";
  try {
    return await Notification.requestPermission();
  } catch {
    return Notification.permission;
  }
}

export class DesktopNotices {
  private readonly shown = new Map<string, Notification>();

  /** Shows a notice; a click brings the tab forward, then `onClick` opens what it is about. */
  show(notice: Notice, onClick: () => void) {
    let notification: Notification;
    // Silent: the workspace's own chime is the sound, and the agent may have turned it off.
    try {
      notification = new Notification(notice.title, { body: notice.body, tag: notice.tag, icon: "/assets/engagement.svg", silent: true });
    } catch {
      return; // a browser that shows notifications only from a service worker
    }
    this.shown.get(notice.tag)?.close();
    this.shown.set(notice.tag, notification);
    notification.onclick = (event) => {
      event.preventDefault();
      window.focus();
      this.close(notice.tag);
      onClick();
    };
    notification.onclose = () => {
      if (this.shown.get(notice.tag) === notification) this.shown.delete(notice.tag);
    };
  }

  close(tag: string) {
    const notification = this.shown.get(tag);
    this.shown.delete(tag);
    notification?.close();
  }

  closeAll() {
    this.closeUnless(() => false);
  }

  /** Closes every notice whose tag `keep` refuses. */
  closeUnless(keep: (tag: string) => boolean) {
    for (const tag of [...this.shown.keys()]) if (!keep(tag)) this.close(tag);
  }
}
