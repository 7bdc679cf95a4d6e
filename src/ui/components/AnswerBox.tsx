/** Where the learner writes the answer to the interviewer and submits it for grading. */
import { useId, type FormEvent } from 'react';

export interface AnswerBoxProps {
  value: string;
  onChange: (text: string) => void;
  onSubmit: (text: string) => void;
  /** Read-only (another tab owns the session). */
  disabled?: boolean;
}

export function AnswerBox({ value, onChange, onSubmit, disabled = false }: AnswerBoxProps) {
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (value.trim() && !disabled) onSubmit(value.trim());
  };
  return (
    <form className="panel answer" onSubmit={submit}>
      <label htmlFor={id}>Your answer</label>
      <p className="muted small" id={`${id}-help`}>
        Explain what you would do and why, as you would to the interviewer. Evidence from the terminal counts. Your draft is
        kept if you leave or reload.
      </p>
      <textarea
        id={id}
        aria-describedby={`${id}-help`}
        rows={7}
        readOnly={disabled}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e);
        }}
      />
      <div className="row">
        <button type="submit" disabled={disabled || !value.trim()}>
          Submit answer
        </button>
        <span className="muted small">Ctrl+Enter</span>
      </div>
    </form>
  );
}
