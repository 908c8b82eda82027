// Two-tone chimes made with the Web Audio API, so the workspace ships no sound file: a bright rising pair for a new
// offer, a softer falling pair for a message.
import type { Arrival } from "./rules";

/** One tone of a chime: its pitch (Hz), when it starts after the first (s), how long it rings (s), and its loudness (0–1). */
interface Tone { hz: number; at: number; ring: number; level: number }

export const chimes: Record<Arrival["kind"], readonly Tone[]> = {
  offer: [{ hz: 659.25, at: 0, ring: 0.22, level: 0.28 }, { hz: 987.77, at: 0.15, ring: 0.4, level: 0.28 }],
  message: [{ hz: 880, at: 0, ring: 0.16, level: 0.16 }, { hz: 659.25, at: 0.1, ring: 0.28, level: 0.16 }],
};

type AudioContextClass = typeof AudioContext;

/**
 * Plays the chimes. Browsers start audio only after the person interacted with the page: the context is made (or
 * resumed) on the agent's first click or key press (`unlock`), and a chime asked for earlier tries to resume it.
 */
export class Chime {
  private context: AudioContext | null = null;

  unlock() {
    void this.ready()?.resume().catch(() => {});
  }

  play(kind: Arrival["kind"]) {
    const context = this.ready();
    if (!context) return;
    if (context.state === "suspended") void context.resume().catch(() => {});
    const start = context.currentTime + 0.02;
    for (const tone of chimes[kind]) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      const at = start + tone.at;
      oscillator.type = "sine";
      oscillator.frequency.setValueAtTime(tone.hz, at);
      // A quick attack and an exponential fall: a struck bell rather than a beep.
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(tone.level, at + 0.012);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + tone.ring);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(at);
      oscillator.stop(at + tone.ring + 0.02);
    }
  }

  dispose() {
    void this.context?.close().catch(() => {});
    this.context = null;
  }

  private ready(): AudioContext | null {
    if (this.context) return this.context;
    const Context = (window.AudioContext ?? (window as unknown as { webkitAudioContext?: AudioContextClass }).webkitAudioContext) as AudioContextClass | undefined;
    if (!Context) return null;
    try {
      this.context = new Context();
    } catch {
      return null;
    }
    return this.context;
  }
}
