// One way to offer a choice: a fieldset of native radios (choose one) or checkboxes (choose some),
// drawn as pills (a word each) or as cards (a title and a sentence). The inputs stay real inputs,
// so arrow keys move between radios, Space ticks a checkbox, and the legend (or a heading named
// by `labelledBy`) is read with the group. Each input's id is `${id}-${value}`.
import { Fragment, type ComponentChildren } from 'preact';
import './choices.css';

export interface ChoiceOption<T extends string | number> {
  value: T;
  /** What people see: the word on a pill, the title of a card. */
  label: ComponentChildren;
  /** A card shows it under the title; a pill keeps it as the input's description. */
  hint?: ComponentChildren;
  /** A class for this option's label (a pill's hue, say). */
  labelClass?: string;
  disabled?: boolean;
  /** Shown right after this option, on a line of its own (a chosen word's strength, say). */
  after?: ComponentChildren;
}

interface Common<T extends string | number> {
  /** The prefix of every input's id. */
  id: string;
  /** The inputs' name; `id` when absent. */
  name?: string;
  options: readonly ChoiceOption<T>[];
  look?: 'pill' | 'card';
  /** The question, as the group's legend... */
  legend?: ComponentChildren;
  /** ...or the id of a heading elsewhere that asks it. */
  labelledBy?: string;
  describedBy?: string | undefined;
  /** A larger legend, for a group that is the question of its form. */
  large?: boolean;
  /** Marks the inputs invalid; say why in `before` or `children`. */
  invalid?: boolean;
  class?: string;
  /** Between the legend and the options. */
  before?: ComponentChildren;
  /** After the options. */
  children?: ComponentChildren;
}

interface One<T extends string | number> extends Common<T> {
  multiple?: false;
  value: T | null;
  onChange: (value: T) => void;
}

interface Many<T extends string | number> extends Common<T> {
  multiple: true;
  value: readonly T[];
  onChange: (value: T, checked: boolean) => void;
}

export function Choices<T extends string | number>(props: One<T> | Many<T>) {
  const { id, name = id, options, look = 'pill', legend, labelledBy, describedBy, large, invalid, before, children } = props;
  const classes = ['choices', `choices--${look}`, large ? 'choices--large' : '', props.class ?? ''].filter(Boolean).join(' ');
  const isChecked = (value: T) => (props.multiple ? props.value.includes(value) : props.value === value);
  const pill = look === 'pill';
  return (
    <fieldset class={classes} aria-labelledby={labelledBy} aria-describedby={describedBy}>
      {legend !== undefined && <legend>{legend}</legend>}
      {before}
      <div class="choices__options">
        {options.map((option) => {
          const inputId = `${id}-${option.value}`;
          const hintId = `${inputId}-hint`;
          const labelClass = pill ? 'pill__label' : 'choice__label';
          const Option = pill ? 'span' : 'div';
          return (
            <Fragment key={option.value}>
              <Option class={pill ? 'pill' : 'choice'}>
                <input
                  type={props.multiple ? 'checkbox' : 'radio'}
                  class={pill ? 'pill__input' : 'choice__input'}
                  id={inputId}
                  name={name}
                  value={String(option.value)}
                  checked={isChecked(option.value)}
                  disabled={option.disabled}
                  aria-invalid={invalid ? 'true' : undefined}
                  aria-describedby={option.hint !== undefined ? hintId : undefined}
                  onChange={(event) => {
                    if (props.multiple) props.onChange(option.value, event.currentTarget.checked);
                    else props.onChange(option.value);
                  }}
                />
                <label class={option.labelClass ? `${labelClass} ${option.labelClass}` : labelClass} for={inputId}>
                  {pill ? option.label : <span class="choice__title">{option.label}</span>}
                  {!pill && option.hint !== undefined && (
                    <span class="choice__hint" id={hintId}>
                      {option.hint}
                    </span>
                  )}
                </label>
                {pill && option.hint !== undefined && (
                  <span hidden id={hintId}>
                    {option.hint}
                  </span>
                )}
              </Option>
              {option.after}
            </Fragment>
          );
        })}
      </div>
      {children}
    </fieldset>
  );
}
