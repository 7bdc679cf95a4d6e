/** Every point awarded or withheld, one line each, as the grader wrote it (feedback, report, interviewer view). */
import type { ReactNode } from 'react';
import type { Verdict } from '../../core/grader/types.ts';
import { verdictPoints } from '../format.ts';
import { InlineText } from './InlineText.tsx';

/** `wording` rewrites each line for its reader (the interviewer's view speaks about the candidate). */
export function VerdictList({ verdicts, label, dispute, wording }: { verdicts: readonly Verdict[]; label: string; dispute?: (v: Verdict) => ReactNode; wording?: (text: string) => string }) {
  return (
    <ul className="verdicts" aria-label={label}>
      {verdicts.map((v, i) => (
        <li key={i} className={`verdict ${v.kind}`}>
          <span className="points">{verdictPoints(v)}</span>{' '}
          <span>
            <InlineText text={wording ? wording(v.text) : v.text} />
          </span>
          {dispute?.(v)}
        </li>
      ))}
    </ul>
  );
}
