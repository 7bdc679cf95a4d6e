/** The grade of one answered round: score, what went well and what was missed, and the model answer. */
import { useEffect, useRef } from 'react';
import type { RoundResult } from '../../core/grader/types.ts';
import type { Round } from '../../core/scenario/types.ts';
import { MdxContent } from '../content.tsx';
import { quoted, scoreBand } from '../format.ts';
import { InlineText } from './InlineText.tsx';
import { VerdictList } from './VerdictList.tsx';
import { Dispute } from './Dispute.tsx';

export interface FeedbackProps {
  result: RoundResult;
  round: Round;
  isLast: boolean;
  onNext: () => void;
  /** "I did say this" on a missed idea: the verdict's id and the sentence of the answer. */
  onDispute?: (verdict: string, sentence: string) => void;
}

export function Feedback({ result, round, isLast, onNext, onDispute }: FeedbackProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [result.round]);
  return (
    <section className="panel feedback" aria-labelledby="feedback-title">
      <h3 id="feedback-title" ref={heading} tabIndex={-1}>
        Feedback
      </h3>
      <p className={`score ${scoreBand(result.score)}`} aria-label={`Score ${result.score} out of 100`}>
        <strong>{result.score}</strong>
        <span>/100</span>
      </p>
      {result.hintsUsed > 0 && (
        <p className="muted small">
          {result.hintsUsed} hint{result.hintsUsed === 1 ? '' : 's'} used
        </p>
      )}
      {result.didWell.length > 0 && (
        <>
          <h4>What you did well</h4>
          <ul className="good-list">
            {result.didWell.map((t, i) => (
              <li key={i}>
                <InlineText text={t} />
              </li>
            ))}
          </ul>
        </>
      )}
      {result.missed.length > 0 && (
        <>
          <h4>What you missed</h4>
          <ul className="miss-list">
            {result.missed.map((t, i) => (
              <li key={i}>
                <InlineText text={t} />
              </li>
            ))}
          </ul>
        </>
      )}
      {result.weakAnswers.length > 0 && (
        <>
          <h4>Weak answer</h4>
          {result.weakAnswers.map((w) => (
            <p key={w.id}>
              <strong>{quoted(w.label)}</strong> — <InlineText text={w.why} />
            </p>
          ))}
        </>
      )}
      <details className="why-score">
        <summary>Why this score: every point, with its reason</summary>
        <VerdictList verdicts={result.verdicts} label="Verdicts for this round" dispute={onDispute && ((v) => <Dispute result={result} verdict={v} onDispute={onDispute} />)} />
      </details>
      <h4>The interviewer follows up</h4>
      <p className="trap-q">
        “<InlineText text={result.trap.question} />”
      </p>
      <details>
        <summary>A strong reply</summary>
        <p>
          <InlineText text={result.trap.answer} />
        </p>
      </details>
      <h4>Senior signal</h4>
      <p>
        <InlineText text={result.seniorSignal} />
      </p>
      <h4>Model answer</h4>
      <div className="model-answer">
        <MdxContent path={round.modelAnswer} />
      </div>
      <button type="button" onClick={onNext}>
        {isLast ? 'See report' : 'Next round'}
      </button>
    </section>
  );
}
