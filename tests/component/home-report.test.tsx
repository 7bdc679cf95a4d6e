// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ContentProvider } from '../../src/ui/content.tsx';
import { StoreProvider, type AppStore } from '../../src/ui/store.ts';
import { HomePage } from '../../src/ui/pages/HomePage.tsx';
import { ReportPage } from '../../src/ui/pages/ReportPage.tsx';
import { sortScenarios } from '../../src/ui/scenarioOrder.ts';
import { RecordsProvider, inMemory } from '../../src/ui/recordsContext.ts';
import { fakeContent, fakeScenario, fakeStore, memoryStorage } from './fakes.ts';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  history.replaceState(null, '', '/');
});

const other = { ...fakeScenario, meta: { ...fakeScenario.meta, id: 'abc', title: 'Another one' } };
const sigill = { ...fakeScenario, meta: { ...fakeScenario.meta, id: 'sigill-node', title: 'Pods Crash-Looping' } };

describe('HomePage', () => {
  it('lists sigill-node first, with its facts and a Start button', () => {
    render(
      <RecordsProvider value={inMemory(memoryStorage())}>
        <HomePage scenarios={sortScenarios([other, sigill])} />
      </RecordsProvider>,
    );
    const cards = within(screen.getByRole('list', { name: 'Scenarios' })).getAllByRole('listitem');
    expect(cards.map((c) => c.querySelector('h2')?.textContent)).toEqual(['Pods Crash-Looping', 'Another one']);
    expect(cards[0]).toHaveTextContent('DifficultyL2-L3Duration15-20 minDomainsKubernetes, Linux');
    expect(within(cards[0]).getByRole('button', { name: 'Start' })).toBeInTheDocument();
    expect(within(cards[0]).queryByRole('button', { name: 'Resume' })).not.toBeInTheDocument();
  });

  it('offers Resume for saved progress; Start asks before discarding it', async () => {
    // A record as builds before IndexedDB wrote it (v1): migrated on load.
    const storage = memoryStorage({ sessions: [['fake-crash', { v: 1, inputs: [{ type: 'command', at: 1, line: 'ls' }], reviewed: 0 }]] });
    render(
      <RecordsProvider value={inMemory(storage)}>
        <HomePage scenarios={[fakeScenario]} />
      </RecordsProvider>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Resume' }));
    expect(location.search).toBe('?scenario=fake-crash');
    expect(storage.allSessions()).toHaveLength(1);

    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    await userEvent.click(screen.getByRole('button', { name: 'Start' }));
    expect(confirm).toHaveBeenCalledOnce();
    expect(storage.allSessions()).toHaveLength(0);
  });
});

const renderReport = (store: AppStore, scenario: typeof fakeScenario) =>
  render(
    <ContentProvider value={fakeContent}>
      <StoreProvider store={store}>
        <ReportPage scenario={scenario} />
      </StoreProvider>
    </ContentProvider>,
  );

describe('ReportPage', () => {
  it('shows the total, per-round and per-skill scores, the timeline and both paths', async () => {
    const { store, clock } = fakeStore();
    store.getState().open(fakeScenario);
    clock.ms = 65_000;
    store.getState().run('kubectl get pods -o wide');
    store.getState().submitAnswer('logs --previous');
    store.getState().submitAnswer('no idea');
    renderReport(store, fakeScenario);
    expect(screen.getByLabelText('Total score 65 out of 100')).toBeInTheDocument();
    const rows = (name: string) =>
      within(screen.getByRole('region', { name }))
        .getAllByRole('row')
        .map((r) => [...r.querySelectorAll('th,td')].map((c) => c.textContent));
    // One table for rounds and skills (the chart beside it), not the same numbers twice.
    expect(rows('Rounds and skills')).toEqual([
      ['Round', 'Title', 'Score', 'Skill tested', 'Hints'],
      ['1', 'The Opening', '90', 'Skill 1', '0'],
      ['2', 'The Probe', '40', 'Skill 2', '0'],
    ]);
    expect(screen.getAllByRole('table')).toHaveLength(2); // and the timeline
    expect(rows('Timeline')).toEqual([
      ['Time', 'Host', 'Command', 'Evidence'],
      ['10:31:05', 'laptop', 'kubectl get pods -o wide', ''],
    ]);
    const paths = screen.getByRole('region', { name: 'The senior path and yours' });
    expect(within(paths).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'kubectl get pods -o wideSee where the crashes are.',
      'kubectl get pods -o wideon laptop',
    ]);
    expect(await screen.findByText('Content of fake/01-opening-answer.mdx')).toBeInTheDocument();
  });
});

describe('ReportPage mid-run', () => {
  it('shows the senior path, verdicts and model answer of answered rounds only', async () => {
    const scenario = {
      ...fakeScenario,
      seniorPath: [
        { command: 'kubectl get pods -o wide', why: 'See where the crashes are.', round: 'opening' },
        { command: 'ssh worker-3', why: 'The node the crashes share.', round: 'probe' },
      ],
    };
    const { store } = fakeStore();
    store.getState().open(scenario);
    store.getState().submitAnswer('logs --previous');
    renderReport(store, scenario);
    const paths = screen.getByRole('region', { name: 'The senior path and yours' });
    expect(paths).toHaveTextContent('kubectl get pods -o wideSee where the crashes are.1 more step after you answer the remaining rounds.');
    expect(paths).not.toHaveTextContent('worker-3');
    const detail = screen.getByRole('region', { name: 'Round by round' });
    expect(detail).toHaveTextContent("Round 2: The Probe. Its verdicts, the interviewer's follow-up and the model answer appear after you answer.");
    expect(await screen.findByText('Content of fake/01-opening-answer.mdx')).toBeInTheDocument();
    expect(screen.queryByText('Content of fake/02-probe-answer.mdx')).not.toBeInTheDocument();
    expect(screen.queryByText(/Trap question 2|Senior signal 2/)).not.toBeInTheDocument();
  });
});
