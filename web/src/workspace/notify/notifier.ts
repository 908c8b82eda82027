import { effect, signal, type ReadonlySignal, type Signal } from "@preact/signals";
import type { ChatMessage, SessionOffer } from "../../shared/protocol";
import { Chime } from "./chime";
import { DesktopNotices, askPermission, currentPermission } from "./desktop";
import { loadSettings, saveSettings } from "./settings";
import {
  addUnseen, alertFor, badgeCount, isNewer, noticeFor, noticeStays, nothingUnseen, titled,
  type Arrival, type NotifySettings, type Permission, type Unseen,
} from "./rules";

/** What the notifier needs of the workspace. */
export interface NotifierHost {
  readonly selfId: string;
  /** The offers waiting for the agent. */
  readonly offers: ReadonlySignal<SessionOffer[]>;
  /** The live chat on screen; null in the inbox or contacts, or with none selected. */
  openSessionId(): string | null;
  /** A notification's click: shows its chat, or brings its offer into view. */
  showSession(sessionId: string): void;
  showOffer(sessionId: string): void;
  /** The agent is looking at the tab again. */
  onLook(): void;
  /** A colleague's name, for a transfer's notice. */
  agentName(agentId: string): string;
}

/**
 * Calls the agent back to a workspace tab they are not looking at (rules.ts says when): a chime, a desktop
 * notification, a count in the tab's title until they look. The choices are the agent's (`settings`, persisted).
 */
export class Notifier {
  readonly settings: Signal<NotifySettings>;
  readonly permission = signal<Permission>(currentPermission());
  readonly unseen = signal<Unseen>(nothingUnseen);
  private readonly chime = new Chime();
  private readonly notices = new DesktopNotices();
  /** The highest seq alerted per session. */
  private readonly alerted = new Map<string, number>();
  private readonly baseTitle = document.title;
  private readonly stops: (() => void)[] = [];

  constructor(private readonly host: NotifierHost) {
    this.settings = signal(loadSettings(localStorage, host.selfId));
    const onVisibility = () => {
      if (!this.hidden) this.looked();
    };
    // Browsers let a page play sound only after the person interacted with it.
    const unlock = () => this.chime.unlock();
    document.addEventListener("visibilitychange", onVisibility);
    document.addEventListener("pointerdown", unlock);
    document.addEventListener("keydown", unlock);
    this.stops.push(() => {
      document.removeEventListener("visibilitychange", onVisibility);
      document.removeEventListener("pointerdown", unlock);
      document.removeEventListener("keydown", unlock);
    });
    this.stops.push(effect(() => {
      const count = this.settings.value.badge ? badgeCount(this.unseen.value, host.offers.value) : 0;
      document.title = titled(this.baseTitle, count);
    }));
    this.stops.push(effect(() => {
      const pending = host.offers.value;
      this.notices.closeUnless((tag) => noticeStays(tag, pending));
    }));
  }

  offer(offer: SessionOffer) {
    this.arrive({ kind: "offer", offer });
  }

  message(message: ChatMessage) {
    if (!isNewer(this.alerted, message)) return;
    this.alerted.set(message.sessionId, message.seq);
    this.arrive({ kind: "message", message });
  }

  /** Sound and the title's count, turned on or off. */
  choose(choice: Partial<Pick<NotifySettings, "sound" | "badge">>) {
    this.save({ ...this.settings.value, ...choice });
  }

  /** Desktop notifications, from the agent's click: turning them on asks the browser's permission first. */
  async setDesktop(on: boolean) {
    if (on && this.permission.value !== "granted") this.permission.value = await askPermission();
    this.save({ ...this.settings.value, desktop: on && this.permission.value === "granted" });
  }

  dispose() {
    for (const stop of this.stops) stop();
    this.notices.closeAll();
    this.chime.dispose();
    document.title = this.baseTitle;
  }

  private get hidden() {
    return document.visibilityState === "hidden";
  }

  private arrive(arrival: Arrival) {
    const attention = { hidden: this.hidden, openSessionId: this.host.openSessionId() };
    const alert = alertFor(arrival, attention, this.host.selfId, this.settings.value, this.permission.value);
    if (!alert) return;
    if (alert.chime) this.chime.play(alert.chime);
    if (alert.badge) this.unseen.value = addUnseen(this.unseen.value, arrival);
    if (alert.desktop) {
      this.notices.show(noticeFor(arrival, (id) => this.host.agentName(id)), () => arrival.kind === "offer"
        ? this.host.showOffer(arrival.offer.sessionId)
        : this.host.showSession(arrival.message.sessionId));
    }
  }

  /** The agent looks again: nothing is unseen, the notices go, and the permission is read again (it may have changed in the browser's settings). */
  private looked() {
    this.unseen.value = nothingUnseen;
    this.notices.closeAll();
    this.permission.value = currentPermission();
    this.host.onLook();
  }

  private save(settings: NotifySettings) {
    this.settings.value = settings;
    saveSettings(localStorage, this.host.selfId, settings);
  }
}
