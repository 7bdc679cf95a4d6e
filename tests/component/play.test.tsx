// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ContentProvider } from '../../src/ui/content.tsx';
import { StoreProvider } from '../../src/ui/store.ts';
import { PlayPage } from '../../src/ui/pages/PlayPage.tsx';
import { RoundPanel } from '../../src/ui/components/RoundPanel.tsx';
import { fakeContent, fakeScenario, fakeStore, memoryStorage, sharedLocks } from './fakes.ts';
import { RecordsProvider, inMemory } from '../../src/ui/recordsContext.ts';
import { loadAttempts } from '../../src/ui/state/attempts.ts';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  history.replaceState(null, '', '/');
});

function renderPlay(made = fakeStore()) {
  const view = render(
    <RecordsProvider value={inMemory(made.storage)}>
      <ContentProvider value={fakeContent}>
        <StoreProvider store={made.store}>
          <PlayPage scenario={fakeScenario} withTerminal={false} />
        </StoreProvider>
      </ContentProvider>
    </RecordsProvider>,
  );
  return { ...made, view };
}

describe('PlayPage keeps work', () => {
  it('keeps the answer being written across a reload, without making it an input', async () => {
    const first = renderPlay();
    first.store.getState().run('kubectl get pods');
    await userEvent.type(screen.getByLabelText('Your answer'), 'It is the node');
    cleanup();
    const second = renderPlay(fakeStore(first.storage));
    expect(screen.getByLabelText('Your answer')).toHaveValue('It is the node');
    expect(second.store.getState().session?.inputs.map((i) => i.type)).toEqual(['command']);
    expect(first.storage.session('fake-crash')?.drafts).toEqual({ opening: 'It is the node' });
    // Submitting clears the draft.
    await userEvent.click(screen.getByRole('button', { name: 'Submit answer' }));
    expect(first.storage.session('fake-crash')?.drafts).toEqual({});
  });

  it('lets one tab own the session: the second says so, follows it read-only, and can take over', async () => {
    const records = memoryStorage();
    const locks = sharedLocks();
    const a = renderPlay(fakeStore(records, locks.tab()));
    const tabA = within(a.view.container);
    await act(async () => {});
    a.store.getState().run('kubectl get pods');
    expect(tabA.getByLabelText('Your answer')).not.toHaveAttribute('readonly');

    const b = renderPlay(fakeStore(records, locks.tab()));
    const tabB = within(b.view.container);
    expect(await tabB.findByRole('alert')).toHaveTextContent('This scenario is open in another tab, which is saving your work.');
    expect(tabB.getByLabelText('Your answer')).toHaveAttribute('readonly');
    expect(tabB.getByRole('button', { name: 'Submit answer' })).toBeDisabled();
    expect(b.store.getState().session?.inputs).toHaveLength(1);

    // The owner keeps working; the other tab follows, and never writes.
    act(() => void a.store.getState().run('kubectl get nodes'));
    expect(b.store.getState().session?.inputs).toHaveLength(2);

    await userEvent.click(tabB.getByRole('button', { name: 'Take over here' }));
    expect(await tabA.findByRole('alert')).toHaveTextContent('This scenario is open in another tab');
    expect(tabB.queryByRole('alert')).not.toBeInTheDocument();
    act(() => void b.store.getState().run('ls'));
    expect(records.session('fake-crash')?.inputs.map((i) => (i.type === 'command' ? i.line : i.type))).toEqual(['kubectl get pods', 'kubectl get nodes', 'ls']);
    expect(a.store.getState().session?.inputs).toHaveLength(3);
  });
});

describe('RoundPanel', () => {
  it("shows the round number, title and the interviewer's prompt from MDX", async () => {
    render(
      <ContentProvider value={fakeContent}>
        <RoundPanel round={fakeScenario.rounds[1]} index={1} total={5} hints={[]} />
      </ContentProvider>,
    );
    expect(screen.getByText('Round 2 of 5')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'The Probe' })).toBeInTheDocument();
    expect(await screen.findByText('Content of fake/02-probe.mdx')).toBeInTheDocument();
  });

  it('lists unlocked hints with their cost and offers the next one', async () => {
    const onHint = vi.fn();
    render(
      <ContentProvider value={fakeContent}>
        <RoundPanel round={fakeScenario.rounds[0]} index={0} total={2} hints={[{ text: 'Run `kubectl get pods`', cost: 5 }]} onHint={onHint} />
      </ContentProvider>,
    );
    const hints = screen.getByRole('list', { name: 'Hints' });
    expect(hints).toHaveTextContent('Run kubectl get pods (−5 points)');
    expect(within(hints).getByText('kubectl get pods').tagName).toBe('CODE');
    await userEvent.click(screen.getByRole('button', { name: 'Hint (−10 points)' }));
    expect(onHint).toHaveBeenCalledOnce();
  });
});

describe('PlayPage', () => {
  it("the interviewer's reaction before the next question follows the last score's band", async () => {
    const weak = renderPlay();
    weak.store.getState().submitAnswer('just restart it');
    weak.store.getState().nextRound();
    const prompt = await screen.findByLabelText("Interviewer's prompt");
    expect(prompt).toHaveTextContent(/^Interviewer: Hmm, that is not what I was after\. Let us move on anyway\./);
    expect(prompt).not.toHaveTextContent('Good.');
    cleanup();
    const strong = renderPlay();
    act(() => {
      strong.store.getState().submitAnswer('logs --previous');
      strong.store.getState().nextRound();
    });
    expect(await screen.findByLabelText("Interviewer's prompt")).toHaveTextContent(/^Interviewer: Good\.Content of fake\/02-probe\.mdx$/);
  });

  it('grades a submitted answer, shows the feedback and moves to the next round', async () => {
    const { store } = renderPlay();
    expect(await screen.findByText('Content of fake/01-opening.mdx')).toBeInTheDocument();
    const submit = screen.getByRole('button', { name: 'Submit answer' });
    expect(submit).toBeDisabled();

    await userEvent.type(screen.getByLabelText('Your answer'), 'kubectl logs app --previous');
    await userEvent.click(submit);

    const feedback = screen.getByRole('region', { name: 'Feedback' });
    expect(within(feedback).getByLabelText('Score 90 out of 100')).toBeInTheDocument();
    expect(within(feedback).getByText('Read the crashed container with --previous')).toBeInTheDocument();
    await userEvent.click(within(feedback).getByText('Why this score: every point, with its reason'));
    const verdicts = within(feedback).getByRole('list', { name: 'Verdicts for this round' });
    expect(verdicts).toBeVisible();
    expect(within(verdicts).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['+90 Previous logs: you wrote "--previous"']);
    expect(within(feedback).getByText('“Trap question 1?”')).toBeInTheDocument();
    expect(within(feedback).getByText('Senior signal 1.')).toBeInTheDocument();
    expect(await within(feedback).findByText('Content of fake/01-opening-answer.mdx')).toBeInTheDocument();
    expect(screen.queryByLabelText('Your answer')).not.toBeInTheDocument();
    expect(store.getState().session?.inputs).toEqual([
      { type: 'answer', at: Date.UTC(2024, 5, 12, 10, 30, 0), round: 'opening', text: 'kubectl logs app --previous' },
    ]);

    await userEvent.click(within(feedback).getByRole('button', { name: 'Next round' }));
    expect(screen.getByText('Round 2 of 2')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'The Probe' })).toHaveFocus();
    expect(screen.getByLabelText('Your answer')).toHaveValue('');
  });

  it('shows a weak answer with its reason and "See report" after the last round', async () => {
    renderPlay();
    await userEvent.type(screen.getByLabelText('Your answer'), 'check the logs');
    await userEvent.click(screen.getByRole('button', { name: 'Submit answer' }));
    expect(screen.getByText('Did not read the previous container')).toBeInTheDocument();
    expect(screen.getByText('“Just check the logs”')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next round' }));
    await userEvent.type(screen.getByLabelText('Your answer'), 'logs --previous');
    await userEvent.click(screen.getByRole('button', { name: 'Submit answer' }));
    await userEvent.click(screen.getByRole('button', { name: 'See report' }));
    expect(location.search).toBe('?scenario=fake-crash&view=report');
  });

  it('unlocks hints one at a time and remembers them in the session', async () => {
    const { store } = renderPlay();
    await userEvent.click(screen.getByRole('button', { name: 'Hint (−5 points)' }));
    expect(screen.getByRole('list', { name: 'Hints' })).toHaveTextContent('First hint 1 (−5 points)');
    await userEvent.click(screen.getByRole('button', { name: 'Hint (−10 points)' }));
    expect(screen.queryByRole('button', { name: /^Hint/ })).not.toBeInTheDocument();
    expect(store.getState().session?.inputs.map((i) => i.type)).toEqual(['hint', 'hint']);
  });

  it('resumes on the same screen after a reload: feedback still showing, then the next round', async () => {
    const first = fakeStore();
    renderPlay(first);
    first.store.getState().run('kubectl get pods');
    await userEvent.type(screen.getByLabelText('Your answer'), 'logs --previous');
    await userEvent.click(screen.getByRole('button', { name: 'Submit answer' }));
    cleanup();

    // A new store over the same storage is what a page reload gives.
    const second = fakeStore(first.storage);
    renderPlay(second);
    expect(screen.getByLabelText('Score 90 out of 100')).toBeInTheDocument();
    expect(second.store.getState().session?.transcript.map((t) => t.line)).toEqual(['kubectl get pods']);
    await userEvent.click(screen.getByRole('button', { name: 'Next round' }));
    cleanup();

    renderPlay(fakeStore(first.storage));
    expect(screen.getByText('Round 2 of 2')).toBeInTheDocument();
    expect(screen.getByLabelText('Your answer')).toBeInTheDocument();
  });

  it('restarts the scenario after confirmation only', async () => {
    const { store, storage } = renderPlay();
    store.getState().run('ls');
    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);
    await userEvent.click(screen.getByRole('button', { name: 'Restart scenario' }));
    expect(store.getState().session?.inputs).toHaveLength(1);
    await userEvent.click(screen.getByRole('button', { name: 'Restart scenario' }));
    expect(confirm).toHaveBeenCalledTimes(2);
    expect(store.getState().session?.inputs).toHaveLength(0);
    expect(storage.allSessions()).toHaveLength(0);
  });

  it('restarts a finished run without asking: it is kept as an attempt', async () => {
    const { store, storage } = renderPlay();
    store.getState().submitAnswer('logs --previous');
    store.getState().submitAnswer('logs --previous');
    const confirm = vi.spyOn(window, 'confirm');
    await userEvent.click(screen.getByRole('button', { name: 'Restart scenario' }));
    expect(confirm).not.toHaveBeenCalled();
    expect(store.getState().session?.inputs).toHaveLength(0);
    expect(loadAttempts(storage, 'fake-crash').map((a) => a.summary.score)).toEqual([90]);
  });
});
