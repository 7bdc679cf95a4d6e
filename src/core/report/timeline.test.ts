import { describe, expect, it } from 'vitest';
import { Session } from '../session/session.ts';
import { loadScenario } from '../../../tests/calibration/load.ts';

describe('report timeline', () => {
  it('has one row per typed line, as typed: pipelines whole, quotes kept, ssh one-shots where typed', () => {
    const s = Session.start(loadScenario('sigill-node'));
    const t0 = s.now;
    s.run('kubectl get pods -n production -o wide | grep -v Running | head -30', t0 + 1000);
    s.run("ssh ip-10-42-3-208 \"dmesg -T | grep -i 'invalid opcode' | head -1\"", t0 + 2000);
    s.run('kubectl get pods -n production -o wide | grep -v Running | head -30', t0 + 3000);
    expect(s.report().timeline.map((t) => [t.at - t0, t.host, t.line, t.evidence.length > 0])).toEqual([
      [1000, 'laptop', 'kubectl get pods -n production -o wide | grep -v Running | head -30', true],
      [2000, 'laptop', "ssh ip-10-42-3-208 \"dmesg -T | grep -i 'invalid opcode' | head -1\"", true],
      [3000, 'laptop', 'kubectl get pods -n production -o wide | grep -v Running | head -30', false],
    ]);
  });
});
