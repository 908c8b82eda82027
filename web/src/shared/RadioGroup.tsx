import { useRef } from "preact/hooks";
import type { ComponentChildren } from "preact";
import { radioKeyTarget } from "./radioKeys";

export interface RadioOption<T> { value: T; label: string; content: ComponentChildren; class?: string }

/**
 * A radio group of buttons with one tab stop (the checked option, or the first when none is): arrows and Home/End
 * move focus and check, Space and Enter check the focused one. `data-autofocus` marks the tab stop, so a view
 * that opens with the group can put focus there.
 */
export function RadioGroup<T>({ label, value, options, onChange, class: className, optionClass }: {
  label: string; value: T | null; options: RadioOption<T>[]; onChange: (value: T) => void; class?: string; optionClass?: (checked: boolean, index: number) => string;
}) {
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const checked = options.findIndex((o) => o.value === value);
  const stop = checked >= 0 ? checked : 0;

  function onKeyDown(event: KeyboardEvent, index: number) {
    const next = radioKeyTarget(event.key, index, options.length);
    if (next === null) return;
    event.preventDefault();
    onChange(options[next].value);
    buttons.current[next]?.focus();
  }

  return (
    <div class={className} role="radiogroup" aria-label={label}>
      {options.map((option, i) => (
        <button key={option.label} ref={(el) => { buttons.current[i] = el; }} type="button" role="radio" aria-checked={i === checked}
          aria-label={option.label} tabIndex={i === stop ? 0 : -1} data-autofocus={i === stop ? true : undefined}
          class={[option.class, optionClass?.(i === checked, i)].filter(Boolean).join(" ") || undefined}
          onClick={() => onChange(option.value)} onKeyDown={(e) => onKeyDown(e, i)}>
          {option.content}
        </button>
      ))}
    </div>
  );
}
