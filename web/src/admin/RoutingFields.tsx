import type { QueueDefinition } from "./types";
import { emptyRule, emptyStep, type RoutingRows, type RuleRow, type StepAction, type StepRow } from "./routingForm";
import { TextField } from "./TextField";

const actions: { value: StepAction; label: string }[] = [
  { value: "skillLevel", label: "Lower the skill level to" },
  { value: "anyAgent", label: "Any agent of the queue" },
  { value: "overflowTo", label: "Overflow to queue" },
  { value: "offerLeaveMessage", label: "Offer to leave a message" },
];

/**
 * The queue form's routing policy (docs/protocol.md, "Routing policy"): priority, rules that raise it, aging, the
 * starting skill level, cherry-picking and relaxation steps. `others` are the queues a step may overflow to.
 */
export function RoutingFields({ rows, onChange, others }: { rows: RoutingRows; onChange: (rows: RoutingRows) => void; others: QueueDefinition[] }) {
  const set = (patch: Partial<RoutingRows>) => onChange({ ...rows, ...patch });
  const setRule = (index: number, patch: Partial<RuleRow>) => set({ rules: rows.rules.map((r, i) => i === index ? { ...r, ...patch } : r) });
  const setStep = (index: number, patch: Partial<StepRow>) => set({ steps: rows.steps.map((s, i) => i === index ? { ...s, ...patch } : s) });

  return (
    <fieldset class="adm-wide adm-routing">
      <legend>Routing</legend>
      <div class="adm-grid">
        <TextField label="Priority (0–1000)" type="number" value={rows.priority} onInput={(priority) => set({ priority })} />
        <TextField label="Aging (points per minute waited)" type="number" value={rows.agingPerMinute} onInput={(agingPerMinute) => set({ agingPerMinute })} />
        <TextField label="Starting skill level (1–10)" type="number" value={rows.skillLevel} onInput={(skillLevel) => set({ skillLevel })} />
        <label class="choice adm-check">
          <input type="checkbox" checked={rows.cherryPick} onChange={(e) => set({ cherryPick: e.currentTarget.checked })} /> Agents may pick waiting chats
        </label>
      </div>

      <h3 class="adm-sub">Priority rules</h3>
      {rows.rules.map((rule, i) => (
        <div key={i} class="adm-row" role="group" aria-label={`Priority rule ${i + 1}`}>
          <TextField label="Attribute" value={rule.attribute} onInput={(attribute) => setRule(i, { attribute })} placeholder="plan" />
          <TextField label="Equals" value={rule.value} onInput={(value) => setRule(i, { value })} placeholder="enterprise" />
          <TextField label="Boost" type="number" value={rule.boost} onInput={(boost) => setRule(i, { boost })} />
          <button class="btn btn-sm btn-ghost" type="button" onClick={() => set({ rules: rows.rules.filter((_, j) => j !== i) })}>Remove rule</button>
        </div>
      ))}
      <button class="btn btn-sm" type="button" onClick={() => set({ rules: [...rows.rules, emptyRule()] })}>Add a priority rule</button>

      <h3 class="adm-sub">Relaxation steps</h3>
      {rows.steps.map((step, i) => (
        // The selects are named by aria-label: a label around a select would take in the chosen option's words.
        <div key={i} class="adm-row" role="group" aria-label={`Step ${i + 1}`}>
          <TextField label="After (seconds or m:ss)" value={step.after} onInput={(after) => setStep(i, { after })} placeholder="1:30" />
          <label class="field">
            <span>Then</span>
            <select class="select" aria-label="Then" value={step.action} onChange={(e) => setStep(i, { action: e.currentTarget.value as StepAction })}>
              {actions.map((a) => <option key={a.value} value={a.value}>{a.label}</option>)}
            </select>
          </label>
          {step.action === "skillLevel" && (
            <TextField label="Skill level" type="number" value={step.skillLevel} onInput={(skillLevel) => setStep(i, { skillLevel })} />
          )}
          {step.action === "overflowTo" && (
            <label class="field">
              <span>Queue</span>
              <select class="select" aria-label="Overflow to queue" value={step.overflowTo} onChange={(e) => setStep(i, { overflowTo: e.currentTarget.value })}>
                <option value="">Choose a queue</option>
                {others.map((q) => <option key={q.queueId} value={q.queueId}>{q.name} ({q.queueId})</option>)}
              </select>
            </label>
          )}
          <button class="btn btn-sm btn-ghost" type="button" onClick={() => set({ steps: rows.steps.filter((_, j) => j !== i) })}>Remove step</button>
        </div>
      ))}
      <button class="btn btn-sm" type="button" onClick={() => set({ steps: [...rows.steps, emptyStep()] })}>Add a step</button>
    </fieldset>
  );
}
