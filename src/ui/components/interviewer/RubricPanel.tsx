/** A round's rubric as the interviewer reads it: what earns points, what costs them, the trap and hints. */
import type { Round } from '../../../core/scenario/types.ts';
import { InlineText } from '../InlineText.tsx';
import { quoted } from '../../format.ts';

export function RubricPanel({ round, hintsUsed }: { round: Round; hintsUsed: number }) {
  const r = round.rubric;
  return (
    <section className="panel rubric" aria-labelledby="rubric-title">
      <h2 id="rubric-title">Rubric: {round.title}</h2>
      <p className="muted small">Skill tested: {round.skill}</p>
      <h3>Concepts in the answer</h3>
      <ul aria-label="Concepts">
        {r.concepts.map((c) => (
          <li key={c.id}>
            <InlineText text={c.label} /> <span className="cost">({c.weight})</span>
          </li>
        ))}
      </ul>
      <h3>Evidence in the terminal</h3>
      <ul aria-label="Evidence">
        {r.evidence.map((e) => (
          <li key={e.id}>
            <InlineText text={e.label} /> <span className="cost">({e.weight}{e.beforeDestructive ? ', before any destructive act' : ''})</span>
          </li>
        ))}
      </ul>
      <h3>Penalties</h3>
      {r.penalties.length === 0 ? <p className="muted">None.</p> : (
        <ul aria-label="Penalties">
          {r.penalties.map((p) => (
            <li key={p.id}>
              <InlineText text={p.label} /> <span className="cost">(−{p.points})</span>: <InlineText text={p.why} />
            </li>
          ))}
        </ul>
      )}
      <h3>Weak answers</h3>
      {r.weakAnswers.length === 0 ? <p className="muted">None.</p> : (
        <ul aria-label="Weak answers">
          {r.weakAnswers.map((w) => (
            <li key={w.id}>
              <strong>{quoted(w.label)}</strong>: <InlineText text={w.why} />
            </li>
          ))}
        </ul>
      )}
      <h3>The trap</h3>
      <p className="trap-q">
        “<InlineText text={r.trap.question} />”
      </p>
      <p>
        <InlineText text={r.trap.answer} />
      </p>
      <h3>Senior signal</h3>
      <p>
        <InlineText text={r.seniorSignal} />
      </p>
      <h3>Hints</h3>
      <ol aria-label="Rubric hints">
        {r.hints.map((h, i) => (
          <li key={i} className={i < hintsUsed ? 'used' : undefined}>
            <InlineText text={h.text} /> <span className="cost">(−{h.cost}{i < hintsUsed ? ', used' : ''})</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
