// @vitest-environment jsdom
/**
 * The authors' preview (`?scenario=<id>&preview=N`) and rubric debugger (`&debug`) on the real
 * core: a fresh run at round N with the rounds before it answered by the reference solution, and
 * beside the terminal the live verdict of the answer being written.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ContentProvider } from '../../src/ui/content.tsx';
import { createAppStore, StoreProvider } from '../../src/ui/store.ts';
import { PlayPage } from '../../src/ui/pages/PlayPage.tsx';
import { RecordsProvider, inMemory } from '../../src/ui/recordsContext.ts';
import { parseRoute } from '../../src/ui/route.ts';
import { parseScenario } from '../../src/core/scenario/parse.ts';
import { Session } from '../../src/core/session/session.ts';
import { fakeContent, memoryStorage } from './fakes.ts';

const root = join(import.meta.dirname, '..', '..');
const parsed = parseScenario('scenarios/sigill-node.yaml', readFileSync(join(root, 'scenarios', 'sigill-node.yaml'), 'utf8'));
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const scenario = parsed.scenario;
const solution = readFileSync(join(root, 'scenarios', 'sigill-node.solution.txt'), 'utf8');

afterEach(() => {
  cleanup();
  history.replaceState(null, '', '/');
});

function renderPreview(preview: number | undefined, storage = memoryStorage(), solutions = { 'sigill-node': solution }) {
  const store = createAppStore({ engine: { start: (s) => Session.start(s), replay: (s, i) => Session.replay(s, i) }, records: storage, realNow: () => 0, wallNow: () => 0 });
  render(
    <RecordsProvider value={inMemory(storage)}>
      <ContentProvider value={fakeContent}>
        <StoreProvider store={store}>
          <PlayPage scenario={scenario} withTerminal={false} preview={preview} debug solutions={async () => solutions} />
        </StoreProvider>
      </ContentProvider>
    </RecordsProvider>,
  );
  return { store, storage };
}

describe('the authors\' preview', () => {
  it('reads ?preview=N and &debug from the URL, for play only', () => {
    expect(parseRoute('?scenario=sigill-node&preview=3')).toEqual({ scenario: 'sigill-node', preview: 3, debug: true });
    expect(parseRoute('?scenario=sigill-node&debug')).toEqual({ scenario: 'sigill-node', debug: true });
    expect(parseRoute('?scenario=sigill-node&view=report&preview=3')).toEqual({ scenario: 'sigill-node', view: 'report' });
    expect(parseRoute('?scenario=sigill-node&preview=0')).toEqual({ scenario: 'sigill-node' });
  });

  it('opens round 3 with rounds 1-2 answered by the reference solution, and a reload resumes it', { timeout: 60_000 }, async () => {
    history.replaceState(null, '', '/?scenario=sigill-node&preview=3');
    const { store, storage } = renderPreview(3);
    const debuggerPanel = await screen.findByRole('complementary', { name: 'Rubric debugger' });
    expect(within(debuggerPanel).getByRole('status')).toHaveTextContent('Rounds 1-2 were answered by the reference solution.');
    const session = store.getState().session!;
    expect(session.roundIndex).toBe(2);
    expect(session.results.map((r) => r.score >= 85)).toEqual([true, true]);
    expect(location.search).toBe('?scenario=sigill-node&debug=');
    expect(screen.getByText('Round 3 of 5')).toBeInTheDocument();
    // The dev server reloads on every save: the page comes back at the same place, not replayed again.
    cleanup();
    const again = renderPreview(undefined, storage);
    await screen.findByRole('complementary', { name: 'Rubric debugger' });
    expect(again.store.getState().session!.inputs).toEqual(session.inputs);
  });

  it('shows live which command earned which evidence and which sentence earned which idea', { timeout: 60_000 }, async () => {
    const { store } = renderPreview(3);
    await screen.findByText('Rounds 1-2 were answered by the reference solution.');
    store.getState().run('ssh ip-10-42-3-208');
    store.getState().run('grep -c avx512f /proc/cpuinfo');
    await userEvent.type(screen.getByLabelText('Your answer'), 'Exit code 132 is 128 + 4: SIGILL, an illegal instruction.');
    const verdicts = within(screen.getByRole('complementary', { name: 'Rubric debugger' })).getByRole('list', { name: 'Live verdicts' });
    expect(verdicts).toHaveTextContent(/Read the CPU flags on the broken node: .*grep -c avx512f \/proc\/cpuinfo/);
    expect(verdicts).toHaveTextContent(/Names SIGILL: the CPU refused an instruction: you wrote "Exit code 132 is 128 \+ 4: SIGILL, an illegal instruction"/);
  });

  it('says so when there is no reference solution to play (a build, not the dev server)', async () => {
    renderPreview(2, memoryStorage(), {} as { 'sigill-node': string });
    expect(await screen.findByRole('status')).toHaveTextContent('No reference solution to play: the preview reads scenarios/sigill-node.solution.txt in the dev server (npm start) only.');
  });
});
