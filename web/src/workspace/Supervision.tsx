import { useState } from "preact/hooks";
import type { Workspace } from "./store";
import type { SessionEntry } from "./sessionEntry";
import type { SessionSupervisor } from "../shared/protocol";
import { Composer } from "../shared/Composer";
import { describe } from "../shared/errors";
import { callsSupported } from "../shared/call/devices";
import { heardTracks } from "../shared/call/CallPanel";
import { MicIcon } from "../shared/icons";

const modeText = { monitor: "Monitoring", whisper: "Whispering", barge: "Barged in" } as const;

/** What the agent sees of supervisors in their chat: "Sam is monitoring", "Sam is whispering to you". */
export function SupervisorsBanner({ supervisors }: { supervisors: SessionSupervisor[] }) {
  if (supervisors.length === 0) return null;
  const line = (s: SessionSupervisor) => s.mode === "monitor" ? `${s.displayName} is monitoring`
    : s.mode === "whisper" ? `${s.displayName} is whispering to you${s.whisperAudio ? " (on the call)" : ""}` : `${s.displayName} (supervisor) has joined`;
  return <div class="supervision-banner" role="status" data-testid="supervisors-banner">{supervisors.map(line).join(" · ")}</div>;
}

/**
 * A supervisor's controls for a session they supervise: the mode, whisper / back to monitoring, barge in, stop; for a
 * call, the listen dock with push-to-whisper. The visitor sees none of it until a barge.
 */
export function SupervisionBar({ workspace, entry }: { workspace: Workspace; entry: SessionEntry }) {
  const [error, setError] = useState<string | null>(null);
  const mode = entry.supervision?.mode ?? "monitor";
  const active = entry.thread.session.value?.status === "active";
  async function act(action: () => Promise<void>) {
    setError(null);
    try { await action(); } catch (e) { setError(describe(e)); }
  }
  return (
    <>
      <div class="supervision-bar" data-testid="supervision-bar" data-mode={mode}>
        <span class="mode">{modeText[mode]}</span>
        <span class="muted">{mode === "barge" ? "The visitor sees you and your messages." : "The visitor does not see you."}</span>
        {mode === "whisper" && <button class="btn btn-sm" type="button" onClick={() => act(() => workspace.monitor(entry))}>Back to monitoring</button>}
        {mode !== "barge" && active && <button class="btn btn-sm" type="button" onClick={() => act(() => workspace.barge(entry))}>Barge in</button>}
        <button class="btn btn-sm btn-ghost" type="button" onClick={() => act(() => workspace.stopSupervising(entry))}>Stop supervising</button>
      </div>
      {error && <p class="error-text convo-error" role="alert">{error}</p>}
      <ListenDock workspace={workspace} entry={entry} />
    </>
  );
}

/** The call as a supervisor takes part: listen only, a mic held open to whisper to the agent (or to everyone after a barge). */
function ListenDock({ workspace, entry }: { workspace: Workspace; entry: SessionEntry }) {
  const listener = entry.listener;
  const call = entry.call.view.value;
  if (!call || call.status !== "active" || !callsSupported()) return null;
  const link = listener.link.value;
  const barged = entry.supervision?.mode === "barge";
  const talk = (on: boolean) => void listener.talk(on);
  return (
    <section class="listen-dock" data-testid="listen-dock" aria-label="The call, as a listener"
      data-media-state={link?.state.value ?? "none"} data-received-tracks={link?.receivedIds.value.join(" ") ?? ""} data-heard-tracks={heardTracks(link?.heard.value)}>
      {!link ? (
        <button class="btn btn-sm" type="button" disabled={listener.busy.value} onClick={() => void listener.listen()}>Listen to the call</button>
      ) : (
        <>
          <span>{link.state.value === "connected" ? "Listening to the call" : "Connecting…"}</span>
          {link.soundBlocked.value && <button class="btn btn-sm" type="button" onClick={() => link.playSound()}>Turn on sound</button>}
          <button class="btn btn-sm" type="button" aria-pressed={listener.talking.value}
            onPointerDown={() => talk(true)} onPointerUp={() => talk(false)} onPointerLeave={() => listener.talking.value && talk(false)}
            onKeyDown={(e) => { if ((e.key === " " || e.key === "Enter") && !e.repeat) { e.preventDefault(); talk(true); } }}
            onKeyUp={(e) => { if (e.key === " " || e.key === "Enter") talk(false); }}>
            <MicIcon size={14} /> {barged ? "Hold to talk" : "Hold to whisper to the agent"}
          </button>
          <button class="btn btn-sm btn-ghost" type="button" onClick={() => void listener.leave()}>Stop listening</button>
        </>
      )}
      {listener.notice.value && <span class="error-text" role="alert">{listener.notice.value}</span>}
      {workspace.link.value !== "connected" && <span class="muted">Reconnecting…</span>}
    </section>
  );
}

/** The supervisor's composer: whispers (staff only) until a barge, then ordinary messages the visitor reads. */
export function SupervisorComposer({ workspace, entry }: { workspace: Workspace; entry: SessionEntry }) {
  const barged = entry.supervision?.mode === "barge";
  const agent = entry.thread.session.value?.participants.find((p) => p.id === entry.thread.session.value?.assignedAgentId)?.displayName ?? "the agent";
  if (barged) {
    return <Composer placeholder="Write to the visitor…" files={entry.files}
      onSend={(text, attachments) => void workspace.send(entry, text, undefined, attachments)} onTyping={(t) => entry.thread.typed(workspace.connection, t)} />;
  }
  return (
    <div class="whisper-composer">
      <Composer label="Whisper" placeholder={`Whisper to ${agent} — the visitor won't see this`}
        onSend={(text) => void workspace.whisper(entry, text)} onTyping={() => {}} />
    </div>
  );
}
