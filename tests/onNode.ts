import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario } from '../src/core/scenario/parse.ts';
import { Session } from '../src/core/session/session.ts';

const root = join(import.meta.dirname, '..');

/**
 * Test helper (Node only, never imported by the app): a session of `scenario` logged into `node`
 * over ssh, and `run(line)` giving what the terminal printed for one line.
 */
export function onNode(scenario: string, node: string): { s: Session; run: (line: string) => string } {
  const r = parseScenario(`scenarios/${scenario}.yaml`, readFileSync(join(root, 'scenarios', `${scenario}.yaml`), 'utf8'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  const s = Session.start(r.scenario);
  s.run(`ssh ${node}`);
  return { s, run: (line) => { const out = s.run(line).output; return s.pendingMs !== undefined ? out + s.tick(s.now).output : out; } };
}
