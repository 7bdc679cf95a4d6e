/**
 * The failures quoted in issue 10, each as a senior interviewer would grade it, after the round's
 * ideal terminal path from the calibration set. Scores before this grader are in the titles.
 */
import { describe, expect, it } from 'vitest';
import { loadCalibration, loadScenario } from '../../../tests/calibration/load.ts';
import { walkRounds } from './calibrate.ts';
import { Session } from '../session/session.ts';
import { reportMarkdown } from '../report/markdown.ts';
import type { RoundResult } from './types.ts';

/** The answer graded at `round` of `scenario` after the ideal path of every round up to it. */
function graded(scenario: string, round: string, answer: string): RoundResult {
  let result: RoundResult | undefined;
  walkRounds(loadScenario(scenario), loadCalibration(scenario)!, 'ideal', (r, s) => { if (r.id === round) result = s.preview(answer); });
  return result!;
}
const verdict = (r: RoundResult, id: string) => r.verdicts.find((v) => v.id === id)!;

describe('ideas are read on meaning, as claims', () => {
  it('credits a plain-English opening answer like its jargon twin (was 12 with a -5 "check the logs" penalty, and 100 for the keyword version)', () => {
    const plain = graded('sigill-node', 'opening', "The container keeps dying and kubelet restarts it with increasing delays. I checked which pods and how often they restart, looked at how the last container ended and its exit status, read the log of the container that died, and I won't touch anything until I understand it.");
    const terse = graded('sigill-node', 'opening', 'CrashLoopBackOff back-off. kubectl get pods restarts. describe pod Last State exit code. logs --previous. 137 OOM 139 segfault 128+n signal. Diagnose before changing anything.');
    expect(plain.score).toBeGreaterThanOrEqual(85);
    expect(terse.score - plain.score).toBeLessThanOrEqual(10);
    expect(plain.weakAnswers).toEqual([]);
    for (const id of ['crashloop-meaning', 'previous-logs', 'diagnose-first']) expect(verdict(plain, id).kind, id).toBe('earned');
    expect(verdict(plain, 'previous-logs').reading).toMatchObject({ as: 'affirmed' });
    expect(verdict(plain, 'diagnose-first').text).toContain("I won't touch anything until I understand it");
  });

  it('reads "\'Ready\' only means the kubelet is heartbeating" as validating an assumption (was marked missing)', () => {
    const r = graded('sigill-node', 'synthesis', "'Ready' only means the kubelet is heartbeating, so we assumed a Ready node was a healthy one.");
    expect(verdict(r, 'assumptions')).toMatchObject({ kind: 'earned', points: 25 });
  });

  it('credits "adding members makes it worse" and does not charge the weak answer it refutes (was: idea lost, -5)', () => {
    const r = graded('etcd-slowness', 'constraint', 'Move the leader off cp-2 with etcdctl move-leader. Adding two members for capacity makes it worse: five members need three acknowledgements per write, so every write waits on more fsyncs.');
    expect(verdict(r, 'members-weak').kind).toBe('earned');
    expect(r.weakAnswers).toEqual([]);
    expect(r.verdicts.some((v) => v.kind === 'penalty' && v.id === 'add-members')).toBe(false);
    const refuted = graded('etcd-slowness', 'constraint', 'I would not add more etcd members.');
    expect(verdict(refuted, 'add-members')).toMatchObject({ kind: 'note', points: 0, reading: { as: 'refuted', quote: 'I would not add more etcd members' } });
    expect(refuted.weakAnswers).toEqual([]);
  });

  it('does not credit "multiple pdbs r fine, k8s just takes the min", the opposite of the idea (was +25)', () => {
    const r = graded('pdb-deadlock', 'curveball', 'multiple pdbs r fine, k8s just takes the min');
    expect(verdict(r, 'two-pdbs-refused')).toMatchObject({ kind: 'missed', points: 0, reading: { as: 'contradicted', quote: 'multiple pdbs r fine, k8s just takes the min' } });
    expect(r.weakAnswers.map((w) => w.id)).toEqual(['anded']);
    expect(r.score).toBe(0);
  });

  it('does not credit "a preStop hook runs jcmd GC.heap_dump … before the kernel kills it" as knowing preStop does not run on an OOM kill (was +15)', () => {
    const r = graded('oomkilled', 'synthesis', 'a preStop hook runs jcmd GC.heap_dump to a volume before the kernel kills it');
    expect(verdict(r, 'prestop')).toMatchObject({ kind: 'missed', points: 0, reading: { as: 'contradicted' } });
  });

  it('scores "Run etcdctl alarm disarm." — the mistake of the round — 0 with its weak answer (was 45)', () => {
    const r = graded('etcd-slowness', 'curveball', 'Run etcdctl alarm disarm.');
    // Not "disarms once there is room": the weak answer of the round, quoted as typed.
    expect(verdict(r, 'disarm')).toMatchObject({ kind: 'missed', points: 0 });
    expect(verdict(r, 'disarm-only')).toMatchObject({ kind: 'penalty', points: -5, reading: { as: 'affirmed', quote: 'Run etcdctl alarm disarm' } });
    expect(r.score).toBe(0);
    // Disarming after the space is back is the idea itself.
    expect(verdict(graded('etcd-slowness', 'curveball', 'Compact, then defrag one member at a time, then etcdctl alarm disarm.'), 'disarm').kind).toBe('earned');
  });
});

describe('no double pay', () => {
  it('does not pay terminal work for four keywords, nor credit a lone generic word', () => {
    expect(graded('sigill-node', 'constraint', 'SIGILL avx512 cpuinfo march').score).toBeLessThan(45);
    const r = graded('oomkilled', 'opening', 'memory');
    expect(r.verdicts.filter((v) => v.kind === 'earned' && v.part === 'answer')).toEqual([]);
    expect(r.score).toBe(0);
    expect(r.parts).toMatchObject({ answer: { earned: 0 }, terminal: { counts: 0 } });
  });

  it('gives no idea for a lone short name like "svc" (was: "you wrote \'svc\'")', () => {
    for (const [scenario, round] of [['crashloop', 'probe'], ['pdb-deadlock', 'opening'], ['oomkilled', 'constraint']]) {
      const r = graded(scenario, round, 'svc');
      expect(r.verdicts.filter((v) => v.kind === 'earned' && v.part === 'answer'), `${scenario} ${round}`).toEqual([]);
      expect(r.score, `${scenario} ${round}`).toBe(0);
    }
  });

  it('ranks a checklist of the strong answer\'s terms well below the strong answer itself (was a tie, 85 = 85)', () => {
    const strong = graded('crashloop', 'opening', "The container keeps dying and kubelet restarts it after a back-off that doubles from 10s to five minutes. I go get pods, then describe for Last State and the exit code, then logs --previous for the dead container, then a debug container if needed. Exit 1 is the app quitting on its own, 0 a clean exit that still gets restarted, 137 a SIGKILL such as the OOM killer, 139 a segfault, 143 SIGTERM. The previous log says DATABASE_URL is missing, so I ask what config changed before I restart or delete anything.");
    const checklist = graded('crashloop', 'opening', 'CrashLoopBackOff, back-off, get pods, describe, Last State, exit code, logs --previous, debug container, 1, 0, 137, 139, 143, SIGKILL, OOM, segfault, SIGTERM, DATABASE_URL, config.');
    expect(strong.score).toBeGreaterThanOrEqual(85);
    expect(strong.score - checklist.score).toBeGreaterThanOrEqual(15);
  });
});

describe('verbatim quotes', () => {
  it('quotes the answer as typed: case, decimals and typos kept, offsets into the original', () => {
    const answer = 'The API call took ~11.5 s and the ConfigMap contians DB_URL instead of DATABASE_URL, so I Compare the old and new ConfigMaps.';
    const r = graded('crashloop', 'probe', answer);
    const v = verdict(r, 'config-diff');
    expect(v.kind).toBe('earned');
    expect(v.reading!.quote).toBe('The API call took ~11.5 s and the ConfigMap contians DB_URL instead of DATABASE_URL, so I Compare the old and new ConfigMaps');
    expect(answer.slice(v.reading!.start, v.reading!.end)).toBe(v.reading!.quote);
  });
});

describe('disagreement is data', () => {
  it('keeps "I did say this" with the attempt: after replay and in the Markdown report', () => {
    const scenario = loadScenario('sigill-node');
    const s = Session.start(scenario);
    s.submitAnswer('The pods crash; I would look around.', s.now + 1000);
    expect(s.dispute('opening', 'no-such-verdict', 'x')).toBeUndefined();
    const r = s.dispute('opening', 'diagnose-first', 'I would look around.')!;
    expect(r.disputes).toEqual([{ round: 'opening', verdict: 'diagnose-first', sentence: 'I would look around.', at: s.now }]);
    const again = Session.replay(scenario, s.inputs);
    expect(again.results[0].disputes).toEqual(r.disputes);
    expect(reportMarkdown(again.report())).toContain('#### You disputed\n\n- Diagnoses before changing anything: “I did say this” — I would look around.');
  });
});
