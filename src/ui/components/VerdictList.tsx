/** Every point awarded or withheld, one line each, as the grader wrote it (feedback, report, interviewer view). */
import type { ReactNode } from 'react';
import type { Verdict } from '../../core/grader/types.ts';
import { verdictPoints } from '../format.ts';
import { InlineText } from './InlineText.tsx';

export function VerdictList({ verdicts, label, dispute }: { verdicts: readonly Verdict[]; label: string; dispute?: (v: Verdict) => ReactNode }) {
  return (
    <ul className="verdicts" aria-label={label}>
      {verdicts.map((v, i) => (
        <li key={i} className={`verdict ${v.kind}`}>
          <span className="points">{verdictPoints(v)}</span>{' '}
          <span>
            <InlineText text={v.text} />
          </span>
          {dispute?.(v)}
        </li>
      ))}
    </ul>
  );
}
