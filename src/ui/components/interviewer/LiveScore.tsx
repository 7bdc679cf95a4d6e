/** The live verdict's score and its verdicts (worded about the candidate): what the current answer would earn if submitted now. */
import type { RoundResult } from '../../../core/grader/types.ts';
import { scoreBand } from '../../format.ts';
import { VerdictList } from '../VerdictList.tsx';
import { aboutCandidate } from '../../interviewerWording.ts';

/** `forInterviewer` words the verdicts about the candidate (the interviewer views); else as the grader wrote them. */
export function LiveScore({ result, forInterviewer = false }: { result: RoundResult; forInterviewer?: boolean }) {
  return (
    <>
      <p className={`score ${scoreBand(result.score)}`} aria-label={`Live score ${result.score} out of 100`}>
        <strong>{result.score}</strong>
        <span>/100 if answered now</span>
      </p>
      <VerdictList verdicts={result.verdicts} label="Live verdicts" wording={forInterviewer ? aboutCandidate : undefined} />
    </>
  );
}
