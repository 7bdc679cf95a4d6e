/**
 * The report's timeline: one row per line the learner typed, as typed (quotes, pipes and `$(…)`
 * kept), with every evidence label any of its commands first showed. A pipeline runs several
 * commands that the grader records one by one; they share the typed line (`typed`).
 */
import type { CommandRecord } from '../grader/match.ts';
import type { Report } from '../grader/types.ts';

export function timelineRows(records: readonly CommandRecord[], foundBy: ReadonlyMap<CommandRecord, readonly string[]>): Report['timeline'] {
  const rows: Report['timeline'] = [];
  let last: CommandRecord | undefined;
  for (const r of records) {
    if (!last || r.typed === undefined || r.typed !== last.typed) rows.push({ at: r.at, host: r.host, line: r.line, evidence: [] });
    const row = rows[rows.length - 1];
    // `ssh NODE CMD` records CMD on the node first, then ssh where it was typed: the last one says
    // where and what was typed.
    row.host = r.host;
    row.line = r.line;
    for (const e of foundBy.get(r) ?? []) if (!row.evidence.includes(e)) row.evidence.push(e);
    last = r;
  }
  return rows;
}
