// @vitest-environment jsdom
/**
 * The report's round details (verdicts, weak answer, hints used), its exports, the progress page
 * (an attempt after finishing, retry of a round and of the scenario) and the interviewer view.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { ContentProvider, ContentTextProvider } from '../../src/ui/content.tsx';
import { StoreProvider, type AppStore } from '../../src/ui/store.ts';
import { AttemptReportPage, ReportPage } from '../../src/ui/pages/ReportPage.tsx';
import { ProgressPage } from '../../src/ui/pages/ProgressPage.tsx';
import { InterviewerPage } from '../../src/ui/pages/InterviewerPage.tsx';
import { PlayPage } from '../../src/ui/pages/PlayPage.tsx';
import { loadSaved } from '../../src/ui/state/persistence.ts';
import { loadAttempts } from '../../src/ui/state/attempts.ts';
import { RecordsProvider, inMemory } from '../../src/ui/recordsContext.ts';
import type { Records } from '../../src/ui/state/records.ts';
import { fakeContent, fakeEngine, fakeScenario, fakeStore } from './fakes.ts';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  history.replaceState(null, '', '/');
});

const fakeText = (path: string) => Promise.resolve(`Model text of ${path}`);

function wrap(store: AppStore, page: ReactNode, records?: Records) {
  return render(
    <RecordsProvider value={inMemory(records)}>
      <ContentProvider value={fakeContent}>
        <ContentTextProvider value={fakeText}>
          <StoreProvider store={store}>{page}</StoreProvider>
        </ContentTextProvider>
      </ContentProvider>
    </RecordsProvider>,
  );
}

const progress = (records: Records) =>
  render(
    <RecordsProvider value={inMemory(records)}>
      <ProgressPage scenarios={[fakeScenario]} />
    </RecordsProvider>,
  );

/** Plays the fake scenario: a command, round 1 with a hint and a good answer, round 2 weak. */
function finishedStore() {
  const made = fakeStore();
  const s = made.store.getState();
  s.open(fakeScenario);
  s.run('kubectl get pods -o wide');
  s.hint();
  s.submitAnswer('logs --previous');
  s.submitAnswer('just check the logs');
  return made;
}

/** Captures what downloadText offers: the file name and the Blob's text. */
function captureDownloads() {
  const files: { name: string; type: string; text: Promise<string> }[] = [];
  const blobs = new Map<string, Blob>();
  URL.createObjectURL = vi.fn((b: Blob) => {
    const url = `blob:fake/${blobs.size}`;
    blobs.set(url, b);
    return url;
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    const blob = blobs.get(this.href)!;
    files.push({ name: this.download, type: blob.type, text: blob.text() });
  });
  return files;
}

describe('ReportPage round details', () => {
  it('shows each round’s verdict lines, the weak answer fallen into and the hints used', async () => {
    wrap(finishedStore().store, <ReportPage scenario={fakeScenario} />);
    const r1 = screen.getByRole('article', { name: /^Round 1: The Opening/ });
    expect(within(r1).getByRole('list', { name: 'Verdicts for round 1' })).toHaveTextContent('+90 Previous logs: you wrote "--previous"');
    expect(within(r1).getByRole('list', { name: 'Hints used in round 1' })).toHaveTextContent('First hint 1 (−5 points)');
    expect(r1).toHaveTextContent('Weak answer fallen intoNone.');
    const r2 = screen.getByRole('article', { name: /^Round 2: The Probe/ });
    expect(within(r2).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '0 Previous logs: not in your answer (worth 90)',
      '−5 Weak answer Just check the logs',
      '“Just check the logs”: The current container has no logs yet.',
    ]);
    expect(r2).toHaveTextContent('Hints usedNone.');
    expect(r2).toHaveTextContent('Your answerjust check the logs');
    expect(await within(r2).findByText('Content of fake/02-probe-answer.mdx')).toBeInTheDocument();
  });

  it('charts the score per skill', () => {
    wrap(finishedStore().store, <ReportPage scenario={fakeScenario} />);
    const chart = screen.getByRole('figure', { name: 'Score per skill (out of 100)' });
    expect(within(chart).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Skill 190', 'Skill 240']);
    expect((chart.querySelector('.fill.good') as HTMLElement).style.width).toBe('90%');
    expect((chart.querySelector('.fill.poor') as HTMLElement).style.width).toBe('40%');
  });

  it('exports the report as JSON (the Report object) and as Markdown with the model answers', async () => {
    const { store } = finishedStore();
    const files = captureDownloads();
    wrap(store, <ReportPage scenario={fakeScenario} />);
    await userEvent.click(screen.getByRole('button', { name: 'Export JSON' }));
    await userEvent.click(screen.getByRole('button', { name: 'Export Markdown' }));
    await waitFor(() => expect(files).toHaveLength(2));
    expect(files.map((f) => [f.name, f.type])).toEqual([
      ['gauntlet-fake-crash-report.json', 'application/json'],
      ['gauntlet-fake-crash-report.md', 'text/markdown'],
    ]);
    expect(JSON.parse(await files[0].text)).toEqual(JSON.parse(JSON.stringify(store.getState().session!.report())));
    const md = await files[1].text;
    expect(md).toMatch(/^# Report: Fake Crash\n\nScenario `fake-crash` · total score \*\*65\/100\*\*/);
    expect(md).toContain('### Round 2: The Probe — 40/100');
    expect(md).toContain('#### Model answer\n\nModel text of fake/01-opening-answer.mdx');
    expect(md).toContain('| 1 | Skill 1 | 90 |');
  });

  it('prints through the browser, and offers retries only once the scenario is finished', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => {});
    const { store } = fakeStore();
    store.getState().open(fakeScenario);
    store.getState().submitAnswer('logs --previous');
    wrap(store, <ReportPage scenario={fakeScenario} />);
    await userEvent.click(screen.getByRole('button', { name: 'Print or save as PDF' }));
    expect(print).toHaveBeenCalledOnce();
    expect(screen.queryByRole('button', { name: /^Retry/ })).not.toBeInTheDocument();
    expect(screen.getByText('1 of 2 rounds answered so far.')).toBeInTheDocument();
  });

  it('retries a round from the report: back to play at that round, earlier rounds kept', async () => {
    const { store } = finishedStore();
    wrap(store, <ReportPage scenario={fakeScenario} />);
    await userEvent.click(screen.getByRole('button', { name: 'Retry round 2' }));
    expect(location.search).toBe('?scenario=fake-crash');
    const s = store.getState();
    expect(s.session?.roundIndex).toBe(1);
    expect(s.session?.results.map((r) => r.score)).toEqual([90]);
    cleanup();
    wrap(store, <PlayPage scenario={fakeScenario} withTerminal={false} />);
    expect(screen.getByText(/^Retry from round 2: the rounds before it are replayed/)).toBeInTheDocument();
    expect(screen.getByText('Round 2 of 2')).toBeInTheDocument();
  });
});

describe('ProgressPage', () => {
  it('lists a finished attempt with its scores and weakest skill; retry a round or the scenario', async () => {
    const { storage } = finishedStore();
    progress(storage);
    const section = screen.getByRole('region', { name: 'Fake Crash' });
    const rows = within(section).getAllByRole('row');
    expect(rows).toHaveLength(2);
    const cells = within(rows[1]).getAllByRole('cell').map((c) => c.textContent);
    expect(cells.slice(1, 4)).toEqual(['65', 'Round 1: 90Round 2: 40', 'Skill 2 (40)']);

    await userEvent.selectOptions(within(rows[1]).getByLabelText('Round to retry'), 'Round 2: The Probe');
    await userEvent.click(within(rows[1]).getByRole('button', { name: 'Retry round' }));
    expect(location.search).toBe('?scenario=fake-crash');
    const saved = loadSaved(storage, 'fake-crash')!;
    expect(saved.inputs.map((i) => i.type)).toEqual(['command', 'hint', 'answer']);
    expect(saved.reviewed).toBe(1);
    expect(saved.retryOf?.round).toBe('probe');

    // The retry is unfinished now: retrying the scenario asks first, then clears it.
    cleanup();
    progress(storage);
    expect(screen.getByText('In progress: 1 of 2 rounds answered.')).toBeInTheDocument();
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    await userEvent.click(screen.getByRole('button', { name: 'Retry the scenario' }));
    expect(confirm).toHaveBeenCalledOnce();
    expect(loadSaved(storage, 'fake-crash')).toBeUndefined();
    expect(loadAttempts(storage, 'fake-crash')).toHaveLength(1); // the finished attempt stays
  });

  it('says so when there are no attempts', () => {
    progress(fakeStore().storage);
    expect(screen.getByText(/^No attempts yet\./)).toBeInTheDocument();
  });
});

describe('AttemptReportPage', () => {
  it('rebuilds an earlier attempt’s report from its inputs; retrying from it asks before replacing an unfinished run', async () => {
    const { store, storage } = finishedStore();
    const first = store.getState().attemptId!;
    store.getState().retryRound(1); // the current run is now unfinished
    const replay = fakeEngine.replay;
    wrap(store, <AttemptReportPage scenario={fakeScenario} attemptId={first} replay={replay} />, storage);
    expect(screen.getByLabelText('Total score 65 out of 100')).toBeInTheDocument();
    expect(screen.getByText(/^An earlier attempt, finished /)).toBeInTheDocument();
    expect(screen.getByRole('article', { name: /^Round 2: The Probe/ })).toHaveTextContent('Your answerjust check the logs');
    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);
    await userEvent.click(screen.getByRole('button', { name: 'Retry round 1' }));
    expect(loadSaved(storage, 'fake-crash')?.retryOf).toEqual({ attempt: first, round: 'probe' });
    await userEvent.click(screen.getByRole('button', { name: 'Retry round 1' }));
    expect(confirm).toHaveBeenCalledTimes(2);
    expect(loadSaved(storage, 'fake-crash')).toMatchObject({ inputs: [], reviewed: 0, retryOf: { attempt: first, round: 'opening' } });
    expect(location.search).toBe('?scenario=fake-crash');
  });

  it('says so when the attempt is not kept here', () => {
    wrap(fakeStore().store, <AttemptReportPage scenario={fakeScenario} attemptId="nope" replay={fakeEngine.replay} />);
    expect(screen.getByRole('heading', { name: 'No such attempt' })).toBeInTheDocument();
  });
});

describe('InterviewerPage', () => {
  it('shows the current round’s rubric and a live verdict of what was said, recording nothing', async () => {
    const { store } = fakeStore();
    store.getState().open(fakeScenario);
    store.getState().submitAnswer('no idea');
    store.getState().hint();
    wrap(store, <InterviewerPage scenario={fakeScenario} />);
    expect(screen.getByRole('heading', { name: 'Round 2 of 2: The Probe' })).toBeInTheDocument();
    expect(screen.getByText('0 commands run, 1 hint used in this round.')).toBeInTheDocument();
    const rubric = screen.getByRole('region', { name: 'Rubric: The Probe' });
    expect(within(rubric).getByRole('list', { name: 'Rubric hints' })).toHaveTextContent('First hint 2 (−5, used)Second hint 2 (−10)');
    expect(rubric).toHaveTextContent('“Trap question 2?”Trap answer 2.');
    expect(screen.getByLabelText('Live score 40 out of 100')).toBeInTheDocument();
    // The grader speaks to the candidate; this view speaks about them.
    const verdicts = () => screen.getByRole('list', { name: 'Live verdicts' });
    expect(verdicts()).toHaveTextContent('Previous logs: not in the answer (worth 90)');
    expect(verdicts()).not.toHaveTextContent(/\byour?\b/i);
    await userEvent.type(screen.getByLabelText(/What the candidate has said/), 'read logs --previous');
    expect(screen.getByLabelText('Live score 90 out of 100')).toBeInTheDocument();
    expect(verdicts()).toHaveTextContent('Previous logs: the candidate wrote "--previous"');
    expect(store.getState().session?.inputs.map((i) => i.type)).toEqual(['answer', 'hint']);
  });
});
