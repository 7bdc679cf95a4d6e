/**
 * The grader's judgements, each as a learner would meet it: the same act however it is spelled,
 * negated weak answers, conclusions without evidence, the diagnostic order, end-state checks,
 * flailing, typos, keyword stuffing, hints.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../tests/calibration/load.ts';
import { Session } from '../session/session.ts';
import { editDistance, closestWord, typoIndex } from './typos.ts';
import { thesaurusWords } from './thesaurus.ts';

const scenario = loadScenario('sigill-node');
const CRASHING = "$(kubectl get pods -n production | grep CrashLoopBackOff | head -1 | awk '{print $1}')";

function session(lines: string[] = []): Session {
  const s = Session.start(scenario);
  for (const l of lines) s.run(l, s.now + 2000);
  return s;
}
/** Answers the first rounds with nothing useful, to reach round `index`. */
function atRound(index: number, lines: string[] = []): Session {
  const s = Session.start(scenario);
  for (let i = 0; i < index; i++) s.submitAnswer('pass', s.now + 1000);
  for (const l of lines) s.run(l, s.now + 2000);
  return s;
}
const texts = (s: Session, answer: string) => s.preview(answer)!.verdicts.map((v) => `${v.kind} ${v.points} ${v.text}`);

describe('gradeRound', () => {
  it('takes logs -p, --previous and --previous=true as the same act', () => {
    for (const flag of ['-p', '--previous', '--previous=true']) {
      const s = session([`kubectl logs -n production ${CRASHING} ${flag}`]);
      expect(texts(s, 'x').some((t) => t.startsWith("earned 15 Read the previous container's logs")), flag).toBe(true);
    }
    const s = session([`kubectl logs -n production ${CRASHING} --previous=false`]);
    expect(texts(s, 'x').some((t) => t.startsWith("missed 0 Read the previous container's logs"))).toBe(true);
  });

  it('does not count a negated weak answer, and explains a real one', () => {
    const s = session();
    expect(s.preview('I would not delete the pod; the controller recreates it anyway.')!.weakAnswers).toEqual([]);
    const weak = s.preview('Delete the pod and let it come back.')!;
    expect(weak.weakAnswers.map((w) => w.id)).toEqual(['delete-pod']);
    expect(weak.verdicts.find((v) => v.kind === 'penalty')!.text).toMatch(/^Weak answer "Delete the pod and let it come back": you wrote "Delete the pod and let it come back"\. The controller already restarts it/);
  });

  it('gives half credit for naming SIGILL before any evidence of it, full credit after the kernel trap', () => {
    const guess = atRound(2);
    const early = guess.preview('It is SIGILL.')!;
    expect(early.verdicts.find((v) => v.text.startsWith('Names SIGILL'))).toMatchObject({ kind: 'earned', points: 10 });
    expect(early.verdicts.find((v) => v.text.startsWith('Names SIGILL'))!.text).toContain("but before seeing described a crashing pod and saw its exit code or saw the kernel's invalid-opcode trap line or watched a container die under strace in your terminal (half credit)");
    const proven = atRound(2, ['ssh ip-10-42-3-208', "dmesg | grep 'invalid opcode' | tail -1", 'exit']);
    expect(proven.preview('It is SIGILL.')!.verdicts.find((v) => v.text.startsWith('Names SIGILL'))).toMatchObject({ kind: 'earned', points: 20 });
  });

  it('credits the diagnostic order only when broad comes before narrow', () => {
    // A literal name: a $(kubectl get pods …) substitution would itself list the pods first.
    const pod = Object.values(Session.start(scenario).state.pods).find((p) => p.spec.nodeName === 'ip-10-42-3-208' && p.metadata.name.startsWith('ledger-api-'))!.metadata.name;
    const good = session(['kubectl get pods -n production', `kubectl describe pod -n production ${CRASHING}`, `kubectl logs -n production ${CRASHING} -p`]);
    expect(texts(good, 'x')).toContain("earned 10 Went broad to narrow: pods, then one pod's story, then its dead container's log: listed the pods and their restarts, then described a crashing pod and saw its exit code, then read the previous container's logs");
    const backwards = session([`kubectl logs -n production ${pod} -p`, `kubectl describe pod -n production ${pod}`, 'kubectl get pods -n production']);
    expect(texts(backwards, 'x')).toContain("missed 0 Went broad to narrow: pods, then one pod's story, then its dead container's log: you described a crashing pod and saw its exit code before you listed the pods and their restarts (worth 10)");
  });

  it('reads end-state facts from the cluster: the node is cordoned or it is not', () => {
    const open = atRound(2);
    expect(texts(open, 'x')).toContain('missed 0 Cordoned the node so no new pods land on it: not seen in your terminal (worth 8)');
    const cordoned = atRound(2, ['kubectl cordon ip-10-42-3-208']);
    expect(texts(cordoned, 'x').some((t) => t.startsWith('earned 8 Cordoned the node so no new pods land on it: the cluster shows it when you answered'))).toBe(true);
    // The check reads state only: probing did not uncordon or change anything.
    expect(cordoned.state.nodes['ip-10-42-3-208'].spec.unschedulable).toBe(true);
  });

  it('notes a failing command run again and again, without a penalty', () => {
    const once = session(['kubectl get pod ledger-api-nope -n production']);
    const thrice = session(['kubectl get pod ledger-api-nope -n production', 'kubectl get pod ledger-api-nope -n production', 'kubectl get pod ledger-api-nope -n production']);
    const answer = 'The container keeps exiting and kubelet restarts it with a back-off.';
    expect(thrice.preview(answer)!.score).toBe(once.preview(answer)!.score);
    expect(texts(thrice, answer).find((t) => t.includes('failed'))).toMatch(/^note 0 `kubectl get pod ledger-api-nope -n production` failed 3 times \(exit 1, first at \d\d:\d\d:\d\d\)/);
    expect(texts(once, answer).some((t) => t.includes('failed'))).toBe(false);
  });

  it('lets only evidence behind an answer count: terminal work with an off-topic answer scores nothing', () => {
    const s = session(['kubectl get pods -n production', `kubectl describe pod -n production ${CRASHING}`, `kubectl logs -n production ${CRASHING} -p`]);
    expect(s.preview('We use Terraform for everything.')!.score).toBe(0);
    expect(texts(s, 'The pods crash-loop: the container keeps exiting.').some((t) => /^note 0 Your answer covers \d+% of the ideas, so your terminal work counts \d+%/.test(t))).toBe(true);
  });

  it('tolerates typos in the rubric vocabulary but keeps distinct terms apart', () => {
    const s = session();
    const r = s.preview('I would decribe the pod and read the prevoius container logs.')!;
    expect(r.didWell).toContain('Reads kubectl describe pod (Last State, exit code, events)');
    // The quote is the answer as typed, typos included.
    expect(r.verdicts.find((v) => v.id === 'describe')!.text).toBe('Reads kubectl describe pod (Last State, exit code, events): you wrote "I would decribe the pod and read the prevoius container logs"');
    expect(closestWord('sigkill', ['sigill'])).toBeUndefined();
  });

  it('gives a list of terms a fifth of its ideas\' weight', () => {
    const s = session();
    const list = 'backoff, exit code, previous, describe, events, dmesg, crictl, inodes, cpuinfo, avx512, march, heterogeneous, affinity, launch template, assumptions, postmortem, compare';
    expect(texts(s, list)[0]).toBe('note 0 Your answer reads as a list of terms, not an explanation: its ideas earn 20% of their weight.');
  });

  it('lists the hints used with their cost', () => {
    const s = session();
    s.hint(s.now + 1000);
    const r = s.preview('x')!;
    expect(r.hints).toEqual([scenario.rounds[0].rubric.hints[0]]);
    expect(r.verdicts.at(-1)).toMatchObject({ kind: 'hint', points: -5, text: '1 hint used (−5)' });
  });
});

describe('typo helpers', () => {
  it('measures transpositions as one edit and stops early', () => {
    expect(editDistance('decribe', 'describe', 2)).toBe(1);
    expect(editDistance('prevoius', 'previous', 2)).toBe(1);
    expect(editDistance('kubelet', 'etcd', 1)).toBe(2);
    expect(closestWord('lable', ['label', 'table'])).toBeUndefined();
    expect(closestWord('kernal', ['kernel'])).toBe('kernel');
  });

  it('finds through the index exactly what measuring every word finds', () => {
    // The index skips words whose length or letters rule the distance out; it must never skip the answer.
    const vocabulary = [...thesaurusWords(), 'describe', 'deployment', 'replicaset', 'throttling', 'eviction', 'kubelet', 'memory'];
    const index = typoIndex(vocabulary);
    const everyWord = (word: string) => {
      const max = word.length >= 8 ? 2 : 1;
      const near = vocabulary.filter((v) => v.length >= 5 && !v.startsWith(word) && !word.startsWith(v)).map((v) => [v, editDistance(word, v, max)] as const).filter(([, d]) => d <= max);
      const best = Math.min(...near.map(([, d]) => d));
      const at = [...new Set(near.filter(([, d]) => d === best).map(([v]) => v))];
      return at.length === 1 ? at[0] : undefined;
    };
    const typed = ['decribe', 'deploymnet', 'replcaset', 'throttlign', 'evicton', 'kubelte', 'memroy', 'mmeory', 'resatrted', 'schedluer', 'xyzzyx', 'containre'];
    expect(typed.map((w) => closestWord(w, index))).toEqual(typed.map(everyWord));
    expect(typed.map((w) => closestWord(w, index)).filter(Boolean).length).toBeGreaterThan(6);
  });
});

describe('evidence needs a command that worked', () => {
  it('does not count a failed lookup or a command typed in the wrong place', () => {
    const failed = session(['kubectl get pods -n production -o nope']);
    expect(texts(failed, 'x')).toContain('missed 0 Listed the pods and their restarts: not seen in your terminal (worth 10)');
    const laptop = atRound(1, ['crictl ps -a']);
    expect(texts(laptop, 'x')).toContain('missed 0 Listed containers with crictl ps -a on the node: not seen in your terminal (worth 6)');
  });
});

describe('a non-zero exit with output is still evidence', () => {
  it('counts grep -c printing 0 (exit 1) as reading the CPU flags', () => {
    const s = atRound(2, ['ssh ip-10-42-3-208', 'grep -c avx512f /proc/cpuinfo', 'exit']);
    expect(texts(s, 'x').some((t) => t.startsWith('earned 10 Read the CPU flags on the broken node: `grep -c avx512f /proc/cpuinfo` on ip-10-42-3-208'))).toBe(true);
  });
});
