/**
 * The authors' rubric debugger (`?scenario=<id>&debug`), beside the terminal: what the answer in
 * the box would earn if submitted now — each evidence with the command that earned it, each idea
 * with the sentence of the answer that matched it, penalties and weak answers — graded live by
 * the core (Session.preview) without recording anything, and the round's rubric under it.
 */
import type { Round } from '../../core/scenario/types.ts';
import type { SessionLike } from '../state/engine.ts';
import { LiveScore } from './interviewer/LiveScore.tsx';
import { RubricPanel } from './interviewer/RubricPanel.tsx';

export function RubricDebugger({ session, round, draft, hintsUsed, note, variant }: { session: SessionLike; round: Round; draft: string; hintsUsed: number; note?: string; variant?: string }) {
  const live = session.preview(draft);
  return (
    <aside className="panel rubric-debugger" aria-labelledby="debugger-title">
      <h2 id="debugger-title">Rubric debugger</h2>
      {note && <p className="notice fair-bg" role="status">{note}</p>}
      <p className="muted small">
        For authors: what the answer in the box would earn now. Save the scenario file and the page reloads with the new
        rubric, replaying what you have done.
      </p>
      {/* Which variant this attempt plays: the rubric below is already renamed for it. */}
      {variant && <p className="muted small">{variant}</p>}
      {live && <LiveScore result={live} />}
      <RubricPanel round={round} hintsUsed={hintsUsed} />
    </aside>
  );
}
