import { useEffect, useRef, useState } from "preact/hooks";
import type { Workspace } from "./store";
import { limits, lengthStatus } from "../shared/limits";
import { CharCount } from "../shared/CharCount";

/** The reasons offered for being away; "Other…" takes any text (docs/protocol.md, SetAway). */
export const awayReasons = ["Lunch", "Break", "Meeting", "Training"] as const;
const other = "other";

/**
 * Available or away, and away with a reason: one of {@link awayReasons} or the agent's own words. The select shows
 * the current reason; the supervisor dashboard shows it with the time since.
 */
export function AvailabilitySwitch({ workspace }: { workspace: Workspace }) {
  const status = workspace.status.value;
  const chosen = status?.chosen ?? "available";
  const reason = chosen === "away" ? status?.awayReason ?? null : null;
  const ownWords = reason !== null && !(awayReasons as readonly string[]).includes(reason);
  const [writing, setWriting] = useState(false);
  const [text, setText] = useState("");
  const select = useRef<HTMLSelectElement>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => { if (writing) input.current?.focus(); }, [writing]);
  const cancel = () => {
    setWriting(false);
    select.current?.focus();
  };
  const length = lengthStatus(text, limits.awayReason);
  const selected = writing || ownWords ? other : reason ?? "";

  const choose = (value: string) => {
    if (value === other) {
      setText(ownWords ? reason : "");
      setWriting(true);
    } else if (value !== "") {
      setWriting(false);
      void workspace.setAway(value);
    }
  };
  const submit = (event: Event) => {
    event.preventDefault();
    if (length.length === 0 || length.over) return;
    setWriting(false);
    void workspace.setAway(text.trim());
  };

  return (
    <div class="availability">
      <div class="segmented" role="group" aria-label="Your availability">
        <button type="button" aria-pressed={chosen === "available"} onClick={() => { setWriting(false); void workspace.setAvailability("available"); }}>
          <span class="dot" data-presence="available" aria-hidden="true" /> Available
        </button>
        <button type="button" aria-pressed={chosen === "away"} onClick={() => void workspace.setAvailability("away")}>
          <span class="dot" data-presence="away" aria-hidden="true" /> Away
        </button>
      </div>
      <select ref={select} class="select" aria-label="Away reason" value={selected} onChange={(e) => choose(e.currentTarget.value)}>
        <option value="" disabled>{chosen === "away" ? "No reason" : "Away for…"}</option>
        {awayReasons.map((r) => <option key={r} value={r}>{r}</option>)}
        <option value={other}>{ownWords && !writing ? reason : "Other…"}</option>
      </select>
      {writing && (
        <form class="availability-other" onSubmit={submit} onKeyDown={(e) => { if (e.key === "Escape") cancel(); }}>
          <input ref={input} class="input" aria-label="Other away reason" value={text} placeholder="Dentist"
            aria-invalid={length.over} aria-describedby="away-reason-count" onInput={(e) => setText(e.currentTarget.value)} />
          <CharCount id="away-reason-count" text={text} max={limits.awayReason} />
          <button class="btn btn-sm" type="submit" disabled={length.length === 0 || length.over}>Set</button>
          <button class="btn btn-sm btn-ghost" type="button" onClick={cancel}>Cancel</button>
        </form>
      )}
    </div>
  );
}
