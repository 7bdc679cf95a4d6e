/**
 * "I did say this": on a missed idea of the answer, the learner picks the sentence of their answer
 * that says it. Kept with the attempt (Session.dispute) for the rubric's authors; the score stays.
 */
import { useState } from 'react';
import type { RoundResult, Verdict } from '../../core/grader/types.ts';

/** The answer's sentences, as typed. */
const sentencesOf = (answer: string) => answer.split(/(?<=[.!?])\s+|\n+/).map((s) => s.trim()).filter(Boolean);

export function Dispute({ result, verdict, onDispute }: { result: RoundResult; verdict: Verdict; onDispute: (verdict: string, sentence: string) => void }) {
  const [open, setOpen] = useState(false);
  const sentences = sentencesOf(result.answer);
  const [sentence, setSentence] = useState(sentences[0] ?? '');
  if (!verdict.id || verdict.kind !== 'missed' || verdict.part !== 'answer' || sentences.length === 0) return null;
  if (result.disputes?.some((d) => d.verdict === verdict.id)) return <span className="dispute small muted"> — noted: you said this</span>;
  if (!open) return <button type="button" className="link small" onClick={() => setOpen(true)}>I did say this</button>;
  return (
    <span className="dispute small">
      <label>
        {' '}where?{' '}
        <select value={sentence} onChange={(e) => setSentence(e.target.value)} aria-label="The sentence that says it">
          {sentences.map((s, i) => <option key={i} value={s}>{s.length > 80 ? `${s.slice(0, 77)}…` : s}</option>)}
        </select>
      </label>{' '}
      <button type="button" className="small" onClick={() => onDispute(verdict.id!, sentence)}>Keep</button>
    </span>
  );
}
