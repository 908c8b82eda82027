import { emptyBand, type SlaBandRow, type SlaRows } from "./slaForm";
import { TextField } from "./TextField";

/**
 * The queue form's SLA policy (docs/protocol.md, "SLA policy"): first response, next response and resolution targets,
 * counting business hours only, and priority bands with targets of their own. A blank target runs no clock.
 */
export function SlaFields({ rows, onChange }: { rows: SlaRows; onChange: (rows: SlaRows) => void }) {
  const set = (patch: Partial<SlaRows>) => onChange({ ...rows, ...patch });
  const setBand = (index: number, patch: Partial<SlaBandRow>) => set({ bands: rows.bands.map((b, i) => i === index ? { ...b, ...patch } : b) });
  const hint = "seconds, m:ss or h:mm:ss";

  return (
    <fieldset class="adm-wide adm-routing">
      <legend>SLA policy</legend>
      <div class="adm-grid">
        <TextField label="First response within" value={rows.firstResponse} onInput={(firstResponse) => set({ firstResponse })} placeholder={hint} />
        <TextField label="Next response within" value={rows.nextResponse} onInput={(nextResponse) => set({ nextResponse })} placeholder={hint} />
        <TextField label="Resolution within" value={rows.resolution} onInput={(resolution) => set({ resolution })} placeholder={hint} />
        <label class="choice adm-check">
          <input type="checkbox" checked={rows.businessHoursOnly} onChange={(e) => set({ businessHoursOnly: e.currentTarget.checked })} /> Count business hours only
        </label>
      </div>

      <h3 class="adm-sub">Priority bands</h3>
      {rows.bands.map((band, i) => (
        <div key={i} class="adm-row" role="group" aria-label={`SLA band ${i + 1}`}>
          <TextField label="From priority" type="number" value={band.minPriority} onInput={(minPriority) => setBand(i, { minPriority })} />
          <TextField label="First response" value={band.firstResponse} onInput={(firstResponse) => setBand(i, { firstResponse })} placeholder={hint} />
          <TextField label="Next response" value={band.nextResponse} onInput={(nextResponse) => setBand(i, { nextResponse })} placeholder={hint} />
          <TextField label="Resolution" value={band.resolution} onInput={(resolution) => setBand(i, { resolution })} placeholder={hint} />
          <button class="btn btn-sm btn-ghost" type="button" onClick={() => set({ bands: rows.bands.filter((_, j) => j !== i) })}>Remove band</button>
        </div>
      ))}
      <button class="btn btn-sm" type="button" onClick={() => set({ bands: [...rows.bands, emptyBand()] })}>Add a priority band</button>
    </fieldset>
  );
}
