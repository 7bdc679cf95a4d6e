// @vitest-environment jsdom
/**
 * "I did say this" (issue 10, disagreement is data): on a missed idea of a graded answer the learner
 * points to the sentence that says it; the dispute is kept with the attempt (an input, saved with
 * the session) and the verdict then says it was noted. Real core: the sigill-node scenario graded
 * by the real grader.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ContentProvider } from '../../src/ui/content.tsx';
import { StoreProvider, createAppStore } from '../../src/ui/store.ts';
import { PlayPage } from '../../src/ui/pages/PlayPage.tsx';
import { RecordsProvider, inMemory } from '../../src/ui/recordsContext.ts';
import { Session } from '../../src/core/session/session.ts';
import { loadScenario } from '../calibration/load.ts';
import { fakeContent, memoryStorage } from './fakes.ts';

afterEach(() => cleanup());

const scenario = loadScenario('sigill-node');

function renderPlay(storage = memoryStorage()) {
  const store = createAppStore({ engine: { start: (s) => Session.start(s), replay: (s, inputs) => Session.replay(s, inputs) }, records: storage, realNow: () => 0 });
  render(
    <RecordsProvider value={inMemory(storage)}>
      <ContentProvider value={fakeContent}>
        <StoreProvider store={store}>
          <PlayPage scenario={scenario} withTerminal={false} />
        </StoreProvider>
      </ContentProvider>
    </RecordsProvider>,
  );
  return { store, storage };
}

describe('"I did say this"', () => {
  it('keeps the sentence the learner points to against a missed idea, with the attempt, and says it was noted', async () => {
    const { store, storage } = renderPlay();
    await userEvent.type(screen.getByLabelText('Your answer'), 'The pods keep crashing. I would look around carefully before I touch anything.');
    await userEvent.click(screen.getByRole('button', { name: 'Submit answer' }));
    const feedback = screen.getByRole('region', { name: 'Feedback' });
    const score = within(feedback).getByLabelText(/^Score \d+ out of 100$/).getAttribute('aria-label');
    await userEvent.click(within(feedback).getByText('Why this score: every point, with its reason'));
    const verdicts = within(feedback).getByRole('list', { name: 'Verdicts for this round' });
    const missed = within(verdicts).getAllByRole('listitem').find((li) => li.textContent?.startsWith('0 Diagnoses before changing anything: not in your answer'))!;
    // Only missed ideas of the answer can be disputed: terminal verdicts have no button.
    expect(within(verdicts).getAllByRole('button', { name: 'I did say this' }).length).toBe(within(verdicts).getAllByRole('listitem').filter((li) => /not in your answer/.test(li.textContent ?? '')).length);
    await userEvent.click(within(missed).getByRole('button', { name: 'I did say this' }));
    const where = within(missed).getByRole('combobox', { name: 'The sentence that says it' });
    expect(within(where).getAllByRole('option').map((o) => o.textContent)).toEqual(['The pods keep crashing.', 'I would look around carefully before I touch anything.']);
    await userEvent.selectOptions(where, 'I would look around carefully before I touch anything.');
    await userEvent.click(within(missed).getByRole('button', { name: 'Keep' }));

    expect(missed).toHaveTextContent(/— noted: you said this$/);
    expect(within(missed).queryByRole('button', { name: 'I did say this' })).not.toBeInTheDocument();
    const dispute = { round: 'opening', verdict: 'diagnose-first', sentence: 'I would look around carefully before I touch anything.' };
    expect(store.getState().session!.results[0].disputes).toEqual([{ ...dispute, at: expect.any(Number) }]);
    expect(storage.session('sigill-node')!.inputs.at(-1)).toEqual({ type: 'dispute', ...dispute, at: expect.any(Number) });
    // The score stays: a dispute is data for the rubric's authors, not a regrade.
    expect(within(feedback).getByLabelText(/^Score \d+ out of 100$/)).toHaveAttribute('aria-label', score);
  });
});
