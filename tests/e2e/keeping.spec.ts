/**
 * Nothing typed is lost, in real Chromium: an answer draft survives a reload and a trip to the
 * report and back; a second tab of the same scenario says the first owns it and can take over;
 * text typed while a command runs appears at the next prompt; a follow's clock ticks are saved as
 * one; copy and paste by keyboard.
 */
import { expect, test, type Page } from '@playwright/test';
import { answer, collectErrors, solutionAnswers, startFromHome } from './gauntlet.ts';
import { expectScreen, run, screenText } from './terminal.ts';

const DRAFT = 'Only ip-10-42-3-208 crashes; I would compare it with a healthy node';

interface StoredSession { drafts?: Record<string, string>; inputs?: { type: string }[] }

/** The scenario's session record as IndexedDB holds it now (what a reload reads). */
async function storedSession(page: Page, scenario: string): Promise<StoredSession | undefined> {
  return page.evaluate(
    (scenario) =>
      new Promise<StoredSession | undefined>((resolve, reject) => {
        const open = indexedDB.open('gauntlet');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('sessions').objectStore('sessions').get(scenario);
          get.onsuccess = () => {
            open.result.close();
            resolve(get.result as StoredSession | undefined);
          };
        };
      }),
    scenario,
  );
}

/** The scenario's draft for `round` as stored (the throttled writer may not have run yet). */
async function savedDraft(page: Page, scenario: string, round: string): Promise<string | undefined> {
  return (await storedSession(page, scenario))?.drafts?.[round];
}

test('an answer draft survives the report and back, and a reload', async ({ page }) => {
  const errors = collectErrors(page);
  await startFromHome(page, 'sigill-node');
  await run(page, 'kubectl get pods -n production -o wide');
  await expectScreen(page, 'CrashLoopBackOff');
  await answer(page, 1, solutionAnswers('sigill-node')[0]);
  await page.getByRole('button', { name: 'Next round' }).click();
  await page.getByLabel('Your answer').fill(DRAFT);

  await page.getByRole('link', { name: 'Report' }).click();
  await expect(page.getByRole('heading', { name: /^Report:/ })).toBeVisible();
  await page.getByRole('link', { name: 'Back to the scenario' }).click();
  await expect(page.getByLabel('Your answer')).toHaveValue(DRAFT);

  await expect.poll(() => savedDraft(page, 'sigill-node', 'probe')).toBe(DRAFT);
  await page.reload();
  await expect(page.getByText('Round 2 of 5')).toBeVisible();
  await expect(page.getByLabel('Your answer')).toHaveValue(DRAFT);
  expect(errors).toEqual([]);
});

test('two tabs of one scenario: the second says the first owns it, follows it, and can take over', async ({ context }) => {
  const first = await context.newPage();
  const errors = collectErrors(first);
  await startFromHome(first, 'sigill-node');
  await expectScreen(first, 'learner@laptop:~$');
  await run(first, 'kubectl get nodes');
  await expectScreen(first, 'ip-10-42-3-208');

  const second = await context.newPage();
  await second.goto('/?scenario=sigill-node');
  const owned = second.getByRole('alert').filter({ hasText: 'This scenario is open in another tab' });
  await expect(owned).toBeVisible();
  await expect(second.getByLabel('Your answer')).not.toBeEditable();
  await expect(second.getByText('The terminal is in the other tab.')).toBeVisible();

  // The first tab keeps working; the second follows what it saves.
  await run(first, 'kubectl get pods -n production');
  await expectScreen(first, 'storefront');
  await second.getByRole('button', { name: 'Take over here' }).click();
  await expect(owned).toBeHidden();
  await expectScreen(second, 'kubectl get pods -n production');
  await expect(first.getByRole('alert').filter({ hasText: 'This scenario is open in another tab' })).toBeVisible();
  await expect(first.locator('.xterm')).toHaveCount(0);

  // Work in the new owner is saved; a reload of it finds every command of both tabs.
  await run(second, 'echo after-takeover');
  await expect.poll(() => screenText(second)).toContain('after-takeover\nlearner@laptop:~$');
  await second.waitForTimeout(800);
  await second.reload();
  await expect.poll(() => screenText(second)).toMatch(/kubectl get nodes[\s\S]*kubectl get pods -n production[\s\S]*echo after-takeover\nafter-takeover/);
  expect(errors).toEqual([]);
});

test('text typed while a slow command runs appears at the next prompt', async ({ page }) => {
  const errors = collectErrors(page);
  await startFromHome(page, 'etcd-slowness');
  await expectScreen(page, 'learner@laptop:~$');
  await run(page, 'kubectl get pods -n shop');
  await expect(page.getByRole('status').filter({ hasText: 'Running… press Ctrl-C to interrupt' })).toBeVisible();
  await page.keyboard.type('echo ahead');
  await page.keyboard.press('Enter');
  await page.keyboard.type('echo typed');
  await expect(page.getByRole('status').filter({ hasText: 'Running…' })).toBeHidden();
  await expect.poll(() => screenText(page)).toMatch(/storefront-\S+ +1\/1 +Running[^\n]*\nlearner@laptop:~\$ echo ahead\nahead\nlearner@laptop:~\$ echo typed/);
  expect(errors).toEqual([]);
});

test("a follow's ticks are saved folded into one, and a reload shows the same screen", async ({ page }) => {
  const errors = collectErrors(page);
  await startFromHome(page, 'sigill-node');
  await expectScreen(page, 'learner@laptop:~$');
  await run(page, 'kubectl get pods -n production -w');
  await expectScreen(page, 'CrashLoopBackOff');
  await page.waitForTimeout(4000); // about 16 ticks of the play page's clock
  await page.keyboard.press('Control+C');
  await expect.poll(() => screenText(page)).toMatch(/\^C\nlearner@laptop:~\$/);
  await expect.poll(async () => (await storedSession(page, 'sigill-node'))?.inputs?.map((i) => i.type)).toEqual(['command', 'tick', 'interrupt']);
  const before = await screenText(page);
  await page.reload();
  await expect.poll(() => screenText(page)).toBe(before);
  expect(errors).toEqual([]);
});

test('Ctrl-Shift-C and Ctrl-C with a selection copy; Ctrl-V pastes', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const errors = collectErrors(page);
  await startFromHome(page, 'sigill-node');
  await run(page, 'echo copy-me-please');
  await expectScreen(page, 'copy-me-please\n');

  const box = (await page.locator('.xterm-screen').boundingBox())!;
  const rowHeight = box.height / Number(await page.locator('.xterm-rows > div').count());
  const selectRow = async (row: number) => {
    const y = box.y + rowHeight * (row + 0.5);
    await page.mouse.move(box.x + 2, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width - 4, y, { steps: 5 });
    await page.mouse.up();
  };
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());

  // Row 1 is the output of echo (row 0 the command).
  await selectRow(1);
  await page.keyboard.press('Control+Shift+C');
  await expect.poll(clipboard).toMatch(/^copy-me-please\s*$/);

  await page.evaluate(() => navigator.clipboard.writeText(''));
  await selectRow(0);
  await page.keyboard.press('Control+C');
  await expect.poll(clipboard).toMatch(/^learner@laptop:~\$ echo copy-me-please\s*$/);
  expect(await screenText(page)).not.toContain('^C');

  // Without a selection Ctrl-C is the interrupt again.
  await page.keyboard.type('half a line');
  await page.keyboard.press('Control+C');
  await expectScreen(page, 'half a line^C');

  await page.evaluate(() => navigator.clipboard.writeText('echo pasted'));
  await page.keyboard.press('Control+V');
  await page.keyboard.press('Enter');
  await expect.poll(() => screenText(page)).toMatch(/\$ echo pasted\npasted\n/);
  expect(errors).toEqual([]);
});
