import { describe, expect, it } from 'vitest';
import { loadAttempts } from '../../src/ui/state/attempts.ts';
import { WALL, fakeScenario, fakeStore, memoryStorage } from './fakes.ts';

const T0 = Date.UTC(2024, 5, 12, 10, 30, 0);

describe('app store', () => {
  it('stamps inputs with virtual time: session clock plus real time since the last input', () => {
    const { store, clock } = fakeStore();
    store.getState().open(fakeScenario);
    clock.ms = 1500;
    store.getState().run('kubectl get pods');
    clock.ms = 4000;
    store.getState().run('kubectl get nodes');
    expect(store.getState().session?.inputs.map((i) => i.at - T0)).toEqual([1500, 4000]);
  });

  it('saves the input log in the scenario\'s record and a new store resumes from it', () => {
    const { store, storage } = fakeStore();
    store.getState().open(fakeScenario);
    store.getState().run('ls');
    store.getState().submitAnswer('an answer');
    store.getState().nextRound();
    expect(storage.session('fake-crash')).toEqual({
      v: 2,
      scenario: 'fake-crash',
      drafts: {},
      inputs: [
        { type: 'command', at: T0, line: 'ls' },
        { type: 'answer', at: T0, round: 'opening', text: 'an answer' },
      ],
      reviewed: 1,
      attempt: store.getState().attemptId,
    });
    const again = fakeStore(storage).store;
    again.getState().open(fakeScenario);
    expect(again.getState().attemptId).toBe(store.getState().attemptId);
    expect(again.getState().session?.roundIndex).toBe(1);
    expect(again.getState().reviewed).toBe(1);
    expect(again.getState().session?.transcript.map((t) => t.line)).toEqual(['ls']);
  });

  it('keeps a corrupt or future-version record aside, never overwriting it, and starts afresh', () => {
    const future = { v: 7, scenario: 'fake-crash', inputs: [], reviewed: 0, drafts: {}, hologram: true };
    const storage = memoryStorage({
      sessions: [
        ['fake-crash', future],
        ['other', { v: 2, scenario: 'other', inputs: [{ type: 'command', at: 'soon', line: 'ls' }], reviewed: 0, drafts: {} }],
        ['third', { v: 2, scenario: 'fake-crash', inputs: [], reviewed: 0, drafts: {} }],
      ],
    });
    const { store } = fakeStore(storage);
    store.getState().open(fakeScenario);
    expect(store.getState().session?.inputs).toEqual([]);
    store.getState().run('ls');
    expect(storage.problems().map((p) => [p.key, p.reason])).toEqual([
      ['fake-crash', 'written by a newer version of Gauntlet (format 7; this one reads 2)'],
      ['other', 'damaged: inputs.0.at: Invalid input: expected number, received string'],
      ['third', 'filed under third but belongs to fake-crash'],
    ]);
    expect(storage.problems()[0].value).toEqual(future);
    expect(storage.session('fake-crash')?.inputs).toHaveLength(1);
  });

  it('keeps a session that no longer replays aside and says why', () => {
    const storage = memoryStorage({ sessions: [['fake-crash', { v: 2, scenario: 'fake-crash', inputs: [{ type: 'answer', at: 1, round: 'gone', text: 'x' }], reviewed: 0, drafts: {} }]] });
    const { store } = fakeStore(storage);
    store.getState().open(fakeScenario);
    expect(store.getState().session?.inputs).toEqual([]);
    expect(storage.problems().map((p) => p.reason)).toEqual(['could not be replayed (an answer to gone while opening is open)']);
  });

  it('starts over when the saved record was cleared behind a live session', () => {
    const { store, storage } = fakeStore();
    store.getState().open(fakeScenario);
    store.getState().run('ls');
    storage.putSession('fake-crash', undefined);
    store.getState().open(fakeScenario);
    expect(store.getState().session?.inputs).toEqual([]);
  });

  it('keeps a finished session as an attempt, once, with its summary and inputs', () => {
    const { store, storage } = fakeStore();
    store.getState().open(fakeScenario);
    store.getState().run('kubectl get pods');
    store.getState().submitAnswer('logs --previous');
    expect(loadAttempts(storage, 'fake-crash')).toEqual([]);
    store.getState().submitAnswer('no idea');
    store.getState().run('ls'); // after finishing: the same attempt is updated, not added again
    fakeStore(storage).store.getState().open(fakeScenario); // a reload does not add one either
    const attempts = loadAttempts(storage, 'fake-crash');
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({
      id: store.getState().attemptId,
      scenario: 'fake-crash',
      finishedAt: WALL,
      summary: {
        score: 65,
        rounds: [
          { round: 'opening', skill: 'Skill 1', score: 90 },
          { round: 'probe', skill: 'Skill 2', score: 40 },
        ],
        weakest: [{ round: 'probe', skill: 'Skill 2', score: 40 }],
      },
    });
    expect(attempts[0].inputs.map((i) => i.type)).toEqual(['command', 'answer', 'answer', 'command']);
  });

  it('retries a round as a new attempt from the inputs before it; a reload resumes the retry', () => {
    const { store, storage } = fakeStore();
    store.getState().open(fakeScenario);
    store.getState().run('kubectl get pods');
    store.getState().submitAnswer('logs --previous');
    store.getState().hint();
    store.getState().submitAnswer('no idea');
    const first = store.getState().attemptId;
    expect(store.getState().retryRound(1)).toBe(true);
    const s = store.getState();
    expect(s.attemptId).not.toBe(first);
    expect(s.retryOf).toEqual({ attempt: first, round: 'probe' });
    expect(s.session?.roundIndex).toBe(1);
    expect(s.reviewed).toBe(1);
    expect(s.session?.inputs.map((i) => i.type)).toEqual(['command', 'answer']);
    expect(loadAttempts(storage, 'fake-crash').map((a) => a.id)).toEqual([first]);

    const reloaded = fakeStore(storage).store;
    reloaded.getState().open(fakeScenario);
    expect(reloaded.getState().attemptId).toBe(s.attemptId);
    expect(reloaded.getState().retryOf).toEqual({ attempt: first, round: 'probe' });
    expect(reloaded.getState().session?.inputs).toEqual(s.session?.inputs);
    reloaded.getState().submitAnswer('logs --previous');
    expect(loadAttempts(storage, 'fake-crash').map((a) => [a.id, a.summary.score])).toEqual([
      [s.attemptId, 90],
      [first, 65],
    ]);
  });

  it('refuses to retry a round the session never reached', () => {
    const { store } = fakeStore();
    store.getState().open(fakeScenario);
    expect(store.getState().retryRound(1)).toBe(false);
    expect(store.getState().session?.inputs).toEqual([]);
  });
});
