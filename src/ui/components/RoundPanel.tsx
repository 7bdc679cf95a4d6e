/** The interviewer's side of a round: which round, its title, the prompt (MDX) and hints. */
import type { Round } from '../../core/scenario/types.ts';
import { MdxContent } from '../content.tsx';
import { InlineText } from './InlineText.tsx';
import { interviewerReaction } from '../format.ts';

export interface RoundPanelProps {
  round: Round;
  /** 0-based index of the round. */
  index: number;
  total: number;
  /** Hints already unlocked for this round, in order (a live candidate's come without their cost). */
  hints: readonly { text: string; cost?: number }[];
  /** Unlocks the next hint; absent when hints are not available (e.g. after answering). */
  onHint?: () => void;
  /** The previous round's score, for the interviewer's reaction before this round's question. */
  previousScore?: number;
}

export function RoundPanel({ round, index, total, hints, onHint, previousScore }: RoundPanelProps) {
  const next = round.rubric.hints[hints.length];
  return (
    <section className="panel round" aria-labelledby="round-title">
      <p className="eyebrow">
        Round {index + 1} of {total}
      </p>
      <h2 id="round-title" tabIndex={-1}>
        {round.title}
      </h2>
      <div className="prompt" aria-label="Interviewer's prompt">
        {previousScore !== undefined && (
          <p className="reaction">
            <strong>Interviewer:</strong> {interviewerReaction(previousScore)}
          </p>
        )}
        <MdxContent path={round.prompt} />
      </div>
      {hints.length > 0 && (
        <ol className="hints" aria-label="Hints">
          {hints.map((h, i) => (
            <li key={i}>
              <InlineText text={h.text} />
              {h.cost !== undefined && <span className="cost"> (−{h.cost} points)</span>}
            </li>
          ))}
        </ol>
      )}
      {onHint && next && (
        <button type="button" className="secondary" onClick={onHint}>
          Hint <span className="cost">(−{next.cost} points)</span>
        </button>
      )}
    </section>
  );
}
