// A soft ring for an incoming call, made with Web Audio (two short tones every three seconds), so no
// sound file ships with the widget. Browsers keep an AudioContext silent until the page has had a
// click; then the ring is simply not heard, and the call still shows.

let context: AudioContext | null = null;
let timer: ReturnType<typeof setInterval> | undefined;
/** The sessions whose calls are ringing here (the workspace may hold several). */
const ringing = new Set<string>();

export function startRinging(sessionId: string) {
  ringing.add(sessionId);
  if (timer !== undefined || typeof AudioContext === "undefined") return;
  context ??= new AudioContext();
  const ring = () => {
    if (!context || context.state !== "running") return void context?.resume().catch(() => {});
    for (const [offset, frequency] of [[0, 660], [0.22, 880]] as const) tone(context, context.currentTime + offset, frequency);
  };
  ring();
  timer = setInterval(ring, 3000);
}

export function stopRinging(sessionId: string) {
  ringing.delete(sessionId);
  if (ringing.size) return;
  clearInterval(timer);
  timer = undefined;
}

function tone(ctx: AudioContext, at: number, frequency: number) {
  const oscillator = ctx.createOscillator();
  const gain = ctx.createGain();
  oscillator.frequency.value = frequency;
  gain.gain.setValueAtTime(0, at);
  gain.gain.linearRampToValueAtTime(0.08, at + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.2);
  oscillator.connect(gain).connect(ctx.destination);
  oscillator.start(at);
  oscillator.stop(at + 0.22);
}
