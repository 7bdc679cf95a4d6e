// @vitest-environment jsdom
/**
 * A variant seed per attempt, on the real core: a new practice attempt draws a seed from the checked
 * seeds, stores it with the session (before the first input) and with the finished attempt, and a
 * reload, a retry and an earlier attempt's report replay on it with identical output. A record from
 * before seeds plays the scenario as written. The prose (MDX) follows the variant's renames.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { evaluate } from '@mdx-js/mdx';
import * as runtime from 'react/jsx-runtime';
import { useMDXComponents } from '@mdx-js/react';
import { ContentProvider, MdxContent, RenameProvider } from '../../src/ui/content.tsx';
import { createAppStore } from '../../src/ui/store.ts';
import { parseScenario } from '../../src/core/scenario/parse.ts';
import { Session } from '../../src/core/session/session.ts';
import { ATTEMPT_SEEDS, planVariant } from '../../src/core/scenario/variants.ts';
import { loadAttempts, startRetry } from '../../src/ui/state/attempts.ts';
import { memoryStorage } from './fakes.ts';
import type { Records } from '../../src/ui/state/records.ts';

const root = join(import.meta.dirname, '..', '..');
const parsed = parseScenario('scenarios/imagepull.yaml', readFileSync(join(root, 'scenarios', 'imagepull.yaml'), 'utf8'));
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const scenario = parsed.scenario;
/** The node imagepull's round-2 prompt names (where Marek pulled by hand), as written. */
const NODE = 'ip-10-40-2-33';

function newStore(storage: Records, random?: () => number) {
  let real = 0;
  return createAppStore({
    engine: { start: (s) => Session.start(s), replay: (s, i) => Session.replay(s, i) },
    records: storage, realNow: () => (real += 1000), wallNow: () => 0, random,
  });
}
const output = (store: ReturnType<typeof newStore>) => store.getState().session!.transcript.map((t) => t.output).join('');

afterEach(cleanup);

describe('a variant seed per attempt', () => {
  it('draws one of the checked seeds for a new attempt, keeps it before the first input, and replays it after a reload with the same output', () => {
    const storage = memoryStorage();
    const store = newStore(storage, () => 0.5);
    store.getState().open(scenario);
    const seed = store.getState().seed;
    expect(ATTEMPT_SEEDS).toContain(seed);
    expect(storage.session('imagepull')?.seed).toBe(seed);
    const renamed = planVariant(scenario, seed).rename(NODE);
    expect(renamed).not.toBe(NODE);

    // A reload before anything was typed shows the same names.
    const early = newStore(storage, () => 0.99);
    early.getState().open(scenario);
    expect(early.getState().seed).toBe(seed);

    store.getState().run('kubectl get nodes');
    store.getState().run(`ssh ${renamed} crictl pull harbor.fin.internal/ledger/ledger-api:5.1.4`);
    expect(output(store)).toContain(`${renamed}   Ready`);
    expect(output(store)).not.toContain(NODE);
    expect(output(store)).not.toContain('Could not resolve hostname');

    const again = newStore(storage, () => 0.99);
    again.getState().open(scenario);
    expect(again.getState().seed).toBe(seed);
    expect(output(again)).toBe(output(store));
  });

  it('gives the next attempt another seed than the one before, and keeps each finished attempt\'s seed for its report and retries', () => {
    const storage = memoryStorage();
    const store = newStore(storage, () => 0);
    store.getState().open(scenario);
    const first = store.getState().seed;
    store.getState().run('kubectl get nodes');
    for (const r of scenario.rounds) {
      store.getState().submitAnswer(`answer to ${r.id}`);
      store.getState().nextRound();
    }
    const [attempt] = loadAttempts(storage, 'imagepull');
    expect(attempt.seed).toBe(first);
    const firstOutput = output(store);

    store.getState().restart();
    expect(store.getState().seed).not.toBe(first);
    expect(ATTEMPT_SEEDS).toContain(store.getState().seed);

    // A retry of round 2 of the first attempt (progress page, report) replays its inputs on its seed.
    expect(startRetry(storage, scenario, attempt, 1)).toBe(true);
    store.getState().open(scenario);
    expect(store.getState().seed).toBe(first);
    expect(storage.session('imagepull')?.seed).toBe(first);
    expect(output(store)).toBe(firstOutput);
    expect(store.getState().session!.roundIndex).toBe(1);
  });

  it('plays a record saved before seeds per attempt as the file is written', () => {
    const at = Session.start(scenario).now + 1000;
    const storage = memoryStorage({ sessions: [['imagepull', { v: 2, scenario: 'imagepull', inputs: [{ type: 'command', at, line: 'kubectl get nodes' }], reviewed: 0, drafts: {} }]] });
    const store = newStore(storage, () => 0.5);
    store.getState().open(scenario);
    expect(store.getState().seed).toBe(0);
    expect(output(store)).toContain(`${NODE}   Ready`);
    expect(storage.session('imagepull')?.seed).toBeUndefined();
  });
});

describe('prose follows the variant', () => {
  const mdx = (path: string) => readFileSync(join(root, 'content', path), 'utf8');
  const load = async (path: string) => (await evaluate(mdx(path), { ...runtime, useMDXComponents } as Parameters<typeof evaluate>[1])).default;

  it('renames the nodes a prompt names, in text and inline code, and leaves the prose as written for seed 0', async () => {
    const v = planVariant(scenario, 2);
    const renamed = v.rename(NODE);
    render(
      <ContentProvider value={load}>
        <RenameProvider value={v.rename}>
          <MdxContent path="imagepull/02-probe.mdx" />
        </RenameProvider>
      </ContentProvider>,
    );
    const prompt = await screen.findByText(renamed);
    expect(prompt.tagName).toBe('CODE');
    expect(document.body.textContent).not.toContain(NODE);
    cleanup();
    render(
      <ContentProvider value={load}>
        <MdxContent path="imagepull/02-probe.mdx" />
      </ContentProvider>,
    );
    expect((await screen.findByText(NODE)).tagName).toBe('CODE');
  });
});
