/**
 * A bar chart of the score per skill (one bar per round, as the skills table): plain elements
 * sized in percent, so it prints crisply and reads as a list to a screen reader.
 */
import { scoreBand } from '../../format.ts';

export interface SkillBar {
  skill: string;
  /** Undefined when the round was not answered. */
  score?: number;
}

export function SkillChart({ bars }: { bars: readonly SkillBar[] }) {
  return (
    <figure className="skill-chart" aria-labelledby="skill-chart-title">
      <figcaption id="skill-chart-title">Score per skill (out of 100)</figcaption>
      <ol>
        {bars.map((b, i) => (
          <li key={i}>
            <span className="label">{b.skill}</span>
            <span className="bar" aria-hidden="true">
              {b.score !== undefined && <span className={`fill ${scoreBand(b.score)}`} style={{ width: `${b.score}%` }} />}
            </span>
            <span className="value">{b.score === undefined ? 'not answered' : b.score}</span>
          </li>
        ))}
      </ol>
    </figure>
  );
}
