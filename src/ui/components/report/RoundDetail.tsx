/**
 * One answered round in the report: score, every verdict line with its points, the weak answer
 * fallen into, the hints used, the learner's answer, the trap, the senior signal and the model
 * answer, with a way to retry the round.
 */
import type { RoundResult } from '../../../core/grader/types.ts';
import type { Round } from '../../../core/scenario/types.ts';
import { MdxContent } from '../../content.tsx';
import { quoted, scoreBand } from '../../format.ts';
import { VerdictList } from '../VerdictList.tsx';
import { InlineText } from '../InlineText.tsx';

export interface RoundDetailProps {
  result: RoundResult;
  round: Round;
  /** 0-based. */
  index: number;
  /** Starts a retry of this round; absent while the scenario is unfinished. */
  onRetry?: () => void;
}

export function RoundDetail({ result, round, index, onRetry }: RoundDetailProps) {
  const titleId = `round-${round.id}-title`;
  // The grader lists the hints used; older results only count them, so take them from the rubric.
  const hints = result.hints?.length ? result.hints : round.rubric.hints.slice(0, result.hintsUsed);
  return (
    <article className="round-detail" aria-labelledby={titleId}>
      <h3 id={titleId}>
        Round {index + 1}: {result.title} <span className={`score-inline ${scoreBand(result.score)}`}>{result.score}/100</span>
      </h3>
      <p className="muted small">Skill tested: {result.skill}</p>
      <h4>Verdicts</h4>
      <VerdictList verdicts={result.verdicts} label={`Verdicts for round ${index + 1}`} />
      <h4>Weak answer fallen into</h4>
      {result.weakAnswers.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul>
          {result.weakAnswers.map((w) => (
            <li key={w.id}>
              <strong>{quoted(w.label)}</strong>: <InlineText text={w.why} />
            </li>
          ))}
        </ul>
      )}
      <h4>Hints used</h4>
      {hints.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ol className="hints" aria-label={`Hints used in round ${index + 1}`}>
          {hints.map((h, i) => (
            <li key={i}>
              <InlineText text={h.text} /> <span className="cost">(−{h.cost} points)</span>
            </li>
          ))}
        </ol>
      )}
      <h4>Your answer</h4>
      <p className="your-answer">{result.answer.trim() || '(empty)'}</p>
      <h4>The interviewer follows up</h4>
      <p className="trap-q">
        “<InlineText text={result.trap.question} />”
      </p>
      <p>
        <InlineText text={result.trap.answer} />
      </p>
      <h4>Senior signal</h4>
      <p>
        <InlineText text={result.seniorSignal} />
      </p>
      <details className="model">
        <summary>Model answer</summary>
        <div className="model-answer">
          <MdxContent path={round.modelAnswer} />
        </div>
      </details>
      {onRetry && (
        <button type="button" className="secondary retry" onClick={onRetry}>
          Retry round {index + 1}
        </button>
      )}
    </article>
  );
}
