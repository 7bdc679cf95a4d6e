/**
 * `kubectl logs -l` and friends in a session: every pod a selector picks (tail 10 each unless
 * given), `--prefix`, `--all-pods`, `--since`/`--since-time`, `--limit-bytes`, and the follow
 * limit of `--max-log-requests`. Error texts were taken from kubectl 1.33 against the fake API
 * server (shared/tools/kube-fake-api) with the same arguments.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../../scenario/parse.ts';
import { Session } from '../../../../session/session.ts';
import { spawnSync } from 'node:child_process';
import { findKubectl133 } from '../../../../../../tests/real-kubectl/compare.ts';

const root = join(import.meta.dirname, '..', '..', '..', '..', '..', '..');
function terminating() {
  const r = parseScenario('scenarios/terminating.yaml', readFileSync(join(root, 'scenarios', 'terminating.yaml'), 'utf8'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return Session.start(r.scenario);
}

const PRINTERS = ['label-printer-5b745bc6d6-82h8d', 'label-printer-5b745bc6d6-h5qv7', 'label-printer-5b745bc6d6-msdv6'];
const START = '+ exec-wrapper: starting java -jar /opt/label-printer/label-printer.jar';
const STARTED = '2026-04-29T10:20:08Z INFO  [main] c.f.labels.LabelPrinter : Started LabelPrinter 4.2.0 in 5.8 seconds';

describe('kubectl logs across pods', () => {
  it('reads every pod of a selector in list order, prefixed with --prefix', () => {
    const s = terminating();
    expect(s.run('kubectl logs -l app=label-printer -n dispatch --prefix').output)
      .toBe(PRINTERS.map((p) => `[pod/${p}/label-printer] ${START}\n[pod/${p}/label-printer] ${STARTED}\n`).join(''));
    expect(s.run('kubectl logs -l app=label-printer -n dispatch').output).toBe(`${START}\n${STARTED}\n`.repeat(3));
  });

  it('reads every pod of a Deployment with --all-pods (prefix implied), the first one without', () => {
    const s = terminating();
    expect(s.run('kubectl logs deploy/label-printer -n dispatch --all-pods --tail=1').output)
      .toBe(PRINTERS.map((p) => `[pod/${p}/label-printer] ${STARTED}\n`).join(''));
    expect(s.run('kubectl logs deploy/label-printer -n dispatch --tail=1').output).toBe(`Found 3 pods, using pod/${PRINTERS[0]}\n${STARTED}\n`);
  });

  it('keeps only lines newer than --since / --since-time, and cuts each stream at --limit-bytes', () => {
    const s = terminating();
    expect(s.run('kubectl logs -l app=label-printer -n dispatch --since=1h').output).toBe('');
    expect(s.run('kubectl logs -l app=label-printer -n dispatch --since-time=2026-04-29T10:20:08Z --prefix').output)
      .toBe(PRINTERS.map((p) => `[pod/${p}/label-printer] ${STARTED}\n`).join(''));
    expect(s.run(`kubectl logs ${PRINTERS[0]} -n dispatch --limit-bytes=16`).output).toBe('+ exec-wrapper: ');
  });

  it('says when the selector matches nothing (exit 0)', () => {
    const s = terminating();
    expect(s.run('kubectl logs -l app=nope -n dispatch').output).toBe('No resources found in dispatch namespace.\n');
    expect(s.run('echo $?').output).toBe('0\n');
  });

  it('answers argument errors in kubectl 1.33\'s words', () => {
    const s = terminating();
    const cases: [string, string][] = [
      ['kubectl logs x -l app=y -n dispatch', "error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples\n"],
      ['kubectl logs -l app=label-printer -n dispatch --since=1h --since-time=2026-04-29T10:00:00Z', 'error: at most one of `sinceTime` or `sinceSeconds` may be specified\n'],
      ['kubectl logs -l app=label-printer -n dispatch -c a --all-containers', 'error: --all-containers=true should not be specified with container name a\n'],
      ['kubectl logs -l app=label-printer -n dispatch --since-time=yesterday', 'error: parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"\n'],
      ['kubectl logs -l app=label-printer -n dispatch --since=abc', 'error: invalid argument "abc" for "--since" flag: time: invalid duration "abc"\nSee \'kubectl logs --help\' for usage.\n'],
      ['kubectl logs -l app=label-printer -n dispatch --limit-bytes=-1', 'error: --limit-bytes must be greater than 0\n'],
      ['kubectl logs -l app=route-planner -n dispatch -f --max-log-requests=2', 'error: you are attempting to follow 8 log streams, but maximum allowed concurrency is 2, use --max-log-requests to increase the limit\n'],
    ];
    for (const [line, out] of cases) {
      expect(s.run(line).output, line).toBe(out);
      expect(s.run('echo $?').output, line).toBe('1\n');
    }
  });
});

const realKubectl = findKubectl133();
describe.skipIf(!realKubectl)(`kubectl logs --help${realKubectl ? '' : ' (skipped: no kubectl.1.33 beside kubectl)'}`, () => {
  it('prints the whole help of kubectl 1.33', () => {
    const real = spawnSync(realKubectl!, ['logs', '--help'], { encoding: 'utf8' }).stdout;
    expect(terminating().run('kubectl logs --help').output).toBe(real);
  });
});
