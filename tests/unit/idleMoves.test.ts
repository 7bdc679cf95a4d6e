/**
 * A long idle (a tab left open) is one clock move; the clock's contract (docs/shapes.md §6) is that
 * moving in one go gives what moving in small steps gives. Long moves take shortcuts (an unshared
 * copy of the state, report-only instants run without the controllers' checks, the control plane's
 * per-step latency worked out once): these scenarios, with crash loops, back-off reports, probe
 * failures, a slow etcd and upstream calls, must read the same after 3 h moved either way.
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/core/session/session.ts';
import { MINUTE } from '../../src/core/time.ts';
import { load } from './garbage.ts';

const HOURS = 3;

/** What a learner reads after the idle: objects, events, every node's journal and the control plane's logs. */
function readings(s: Session): string {
  const out: string[] = [];
  const run = (line: string) => out.push(`$ ${line}\n${s.run(line, s.now).output}`);
  run('kubectl get events -A -o yaml');
  run('kubectl get pods -A -o yaml');
  run('kubectl get nodes -o yaml');
  run('kubectl get lease -A -o yaml');
  for (const p of Object.values(s.state.pods).filter((p) => p.metadata.namespace === 'kube-system' && /^(etcd|kube-apiserver)-/.test(p.metadata.name))) {
    run(`kubectl logs -n kube-system ${p.metadata.name}`);
  }
  for (const p of Object.values(s.state.pods).filter((p) => p.metadata.namespace !== 'kube-system')) run(`kubectl logs -n ${p.metadata.namespace} ${p.metadata.name} --all-containers`);
  for (const node of Object.keys(s.state.nodes).sort()) {
    run(`ssh ${node}`);
    run('journalctl --no-pager');
    run('du -s /var/log/journal /var/log/pods');
    run('exit');
  }
  return out.join('\n');
}

describe.each(['crashloop', 'pdb-deadlock', 'etcd-slowness', 'networkpolicy', 'imagepull'])('%s', (id) => {
  it(`reads the same after ${HOURS} h idle moved in one go as moved 9 minutes at a time`, () => {
    const scenario = load(`${id}.yaml`);
    const once = Session.start(scenario);
    const start = once.now;
    once.tick(start + HOURS * 60 * MINUTE);
    const steps = Session.start(scenario);
    for (let t = start + 9 * MINUTE; t < start + HOURS * 60 * MINUTE; t += 9 * MINUTE) steps.tick(t);
    steps.tick(start + HOURS * 60 * MINUTE);
    expect(steps.now).toBe(once.now);
    const a = readings(once);
    expect(a.length).toBeGreaterThan(10_000);
    expect(readings(steps)).toBe(a);
  });
});
