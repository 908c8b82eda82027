// The agent's notification choices, kept in localStorage per agent id (two agents sharing a browser keep their own).
import { defaultSettings, type NotifySettings } from "./rules";

const keyFor = (agentId: string) => `engagement.notifications.${agentId}`;

/** The saved choices; each one missing or unreadable takes its default. */
export function loadSettings(storage: Pick<Storage, "getItem">, agentId: string): NotifySettings {
  let saved: unknown = null;
  try {
    saved = JSON.parse(storage.getItem(keyFor(agentId)) ?? "null");
  } catch {
    // unreadable: the defaults
  }
  const pick = (name: keyof NotifySettings) => {
    const value = (saved as Record<string, unknown> | null)?.[name];
    return typeof value === "boolean" ? value : defaultSettings[name];
  };
  return { sound: pick("sound"), desktop: pick("desktop"), badge: pick("badge") };
}

export function saveSettings(storage: Pick<Storage, "setItem">, agentId: string, settings: NotifySettings) {
  try {
    storage.setItem(keyFor(agentId), JSON.stringify(settings));
  } catch {
    // storage full or refused: the choice holds until the page is reloaded
  }
}
