// A short note beside a request, an answer or a warm word: optional, up to NOTE_MAX characters.

export const NOTE_MAX = 2000;

export function NoteField({
  id,
  label,
  value,
  onInput,
  rows = 2,
}: {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  rows?: number;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <textarea
        id={id}
        class="input textarea textarea--note"
        rows={rows}
        maxLength={NOTE_MAX}
        value={value}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    </div>
  );
}
