/**
 * Test doubles for component tests: a two-round scenario, a session that echoes commands and grades
 * an answer by whether it mentions `--previous`, MDX content that renders plain text, and storage.
 */
import type { ComponentType } from 'react';
import { createElement } from 'react';
import type { Scenario, Round } from '../../src/core/scenario/types.ts';
import type { Input, TranscriptEntry } from '../../src/core/session/types.ts';
import type { Report, RoundResult } from '../../src/core/grader/types.ts';
import type { SessionEngine, SessionLike } from '../../src/ui/state/engine.ts';
import { memoryRecords, type Records } from '../../src/ui/state/records.ts';
import type { TabLock } from '../../src/ui/state/sessionLock.ts';
import { createAppStore } from '../../src/ui/store.ts';

const T0 = Date.UTC(2024, 5, 12, 10, 30, 0);
/** The browser's wall clock in fake stores: when attempts are finished. */
export const WALL = Date.UTC(2025, 0, 2, 9, 0, 0);

function round(id: string, title: string, n: number): Round {
  return {
    id,
    title,
    skill: `Skill ${n}`,
    prompt: `fake/0${n}-${id}.mdx`,
    modelAnswer: `fake/0${n}-${id}-answer.mdx`,
    rubric: {
      concepts: [],
      evidence: [],
      penalties: [],
      weakAnswers: [],
      trap: { question: `Trap question ${n}?`, answer: `Trap answer ${n}.` },
      seniorSignal: `Senior signal ${n}.`,
      hints: [
        { text: `First hint ${n}`, cost: 5 },
        { text: `Second hint ${n}`, cost: 10 },
      ],
    },
  };
}

export const fakeScenario: Scenario = {
  schemaVersion: 1,
  meta: {
    id: 'fake-crash',
    title: 'Fake Crash',
    summary: 'Pods crash on one node.',
    category: 'Incident Response',
    difficulty: 'L2-L3',
    duration: '15-20 min',
    domains: ['Kubernetes', 'Linux'],
  },
  // The fake session never builds a cluster, so the spec's contents do not matter here.
  cluster: {} as Scenario['cluster'],
  faults: [],
  faultyNodes: ['worker-3'],
  rounds: [round('opening', 'The Opening', 1), round('probe', 'The Probe', 2)],
  seniorPath: [{ command: 'kubectl get pods -o wide', why: 'See where the crashes are.' }],
  file: 'scenarios/fake-crash.yaml',
};

/** Prose for every fake content path: "Prompt text for <path>". */
export const fakeContent = (path: string): Promise<ComponentType> =>
  Promise.resolve(() => createElement('p', null, `Content of ${path}`));

export class FakeSession implements SessionLike {
  readonly inputs: Input[] = [];
  readonly transcript: TranscriptEntry[] = [];
  readonly results: RoundResult[] = [];
  now = T0;
  following = false;
  roundIndex = 0;

  constructor(readonly scenario: Scenario) {}

  static replay(scenario: Scenario, inputs: readonly Input[]): FakeSession {
    const s = new FakeSession(scenario);
    for (const i of inputs) {
      if (i.type === 'command') s.run(i.line, i.at);
      else if (i.type === 'answer') {
        // As the real replay refuses a log that does not fit the scenario.
        if (i.round !== scenario.rounds[s.roundIndex]?.id) throw new Error(`an answer to ${i.round} while ${scenario.rounds[s.roundIndex]?.id} is open`);
        s.submitAnswer(i.text, i.at);
      }
      else if (i.type === 'hint') s.hint(i.at);
      else if (i.type === 'tick') s.tick(i.at);
      else s.interrupt(i.at);
    }
    return s;
  }

  prompt() {
    return 'learner@laptop:~$ ';
  }
  run(line: string, at: number) {
    this.now = at;
    this.inputs.push({ type: 'command', at, line });
    const output = `ran ${line}\n`;
    this.transcript.push({ at, prompt: this.prompt(), line, output });
    return { output, following: false };
  }
  tick(at: number) {
    this.now = at;
    this.inputs.push({ type: 'tick', at });
    return { output: '', following: false };
  }
  interrupt(at: number) {
    this.now = at;
    this.inputs.push({ type: 'interrupt', at });
    return { output: '^C\n' };
  }
  complete() {
    return { start: 0, candidates: [] };
  }
  preview(answer: string): RoundResult | undefined {
    if (this.roundIndex >= this.scenario.rounds.length) return undefined;
    const r = this.grade(answer, this.now);
    return r;
  }
  submitAnswer(text: string, at: number): RoundResult {
    const r = this.scenario.rounds[this.roundIndex];
    this.now = at;
    this.inputs.push({ type: 'answer', at, round: r.id, text });
    const result = this.grade(text, at);
    this.results.push(result);
    this.roundIndex++;
    return result;
  }
  private grade(text: string, at: number): RoundResult {
    const r = this.scenario.rounds[this.roundIndex];
    const good = text.includes('--previous');
    const hintsUsed = this.inputs.filter((i) => i.type === 'hint' && i.round === r.id).length;
    const result: RoundResult = {
      round: r.id,
      title: r.title,
      skill: r.skill,
      score: good ? 90 : 40,
      verdicts: good
        ? [{ kind: 'earned', points: 90, text: 'Previous logs: you wrote "--previous"', at }]
        : [
            { kind: 'missed', points: 0, text: 'Previous logs: not in your answer (worth 90)' },
            { kind: 'penalty', points: -5, text: 'Weak answer Just check the logs' },
          ],
      didWell: good ? ['Read the crashed container with --previous'] : [],
      missed: good ? [] : ['Did not read the previous container'],
      weakAnswers: good ? [] : [{ id: 'logs', label: 'Just check the logs', why: 'The current container has no logs yet.' }],
      hintsUsed,
      hints: r.rubric.hints.slice(0, hintsUsed),
      trap: r.rubric.trap,
      seniorSignal: r.rubric.seniorSignal,
      answer: text,
      submittedAt: at,
    };
    return result;
  }
  hint(at: number) {
    const r = this.scenario.rounds[this.roundIndex];
    const used = this.inputs.filter((i) => i.type === 'hint' && i.round === r.id).length;
    const h = r.rubric.hints[used];
    if (!h) return undefined;
    this.now = at;
    this.inputs.push({ type: 'hint', at, round: r.id });
    return h;
  }
  report(): Report {
    const mean = Math.round(this.results.reduce((a, r) => a + r.score, 0) / this.scenario.rounds.length);
    return {
      scenario: this.scenario.meta.id,
      title: this.scenario.meta.title,
      score: mean,
      rounds: this.results,
      skills: this.scenario.rounds.map((r) => ({ round: r.id, skill: r.skill, score: this.results.find((x) => x.round === r.id)?.score ?? 0 })),
      timeline: this.transcript.map((t) => ({ at: t.at, host: 'laptop', line: t.line, evidence: [] })),
      seniorPath: this.scenario.seniorPath,
    };
  }
}

export const fakeEngine: SessionEngine = {
  start: (s) => new FakeSession(s),
  replay: (s, inputs) => FakeSession.replay(s, inputs),
};

/** Records in memory, as a reload would find them (`raw` goes through validation like IndexedDB's). */
export function memoryStorage(raw?: Parameters<typeof memoryRecords>[0]): Records {
  return memoryRecords(raw, () => WALL);
}

/**
 * A fresh store with the fake engine and a hand-driven real clock (advance with `clock.ms += n`);
 * a new store over the same `storage` is what a page reload gives. `lock` stands for another tab's.
 */
export function fakeStore(storage = memoryStorage(), lock?: TabLock) {
  const clock = { ms: 0 };
  const store = createAppStore({ engine: fakeEngine, records: storage, lock, realNow: () => clock.ms, wallNow: () => WALL });
  return { store, storage, clock };
}

/**
 * Web Locks as several tabs of one browser share them, in memory: `tab()` is one tab's TabLock.
 * Taking over calls the owner's onLost before granting, as the browser's handover does.
 */
export function sharedLocks() {
  const owners = new Map<string, { tab: number; onLost: () => void }>();
  let tabs = 0;
  return {
    owners,
    tab(): TabLock {
      const me = ++tabs;
      return {
        async claim(scenario, onLost) {
          const o = owners.get(scenario);
          if (o && o.tab !== me) return 'elsewhere';
          owners.set(scenario, { tab: me, onLost });
          return 'owner';
        },
        async takeOver(scenario, onLost) {
          const o = owners.get(scenario);
          if (o && o.tab !== me) o.onLost();
          owners.set(scenario, { tab: me, onLost });
        },
      };
    },
  };
}
