/**
 * Every page at 390, 1024 and 1440 px wide: nothing spills out of the viewport (measured element by
 * element: the top bar and its title, tables, cards, the chart), axe-core finds no accessibility
 * violation, and a screenshot is kept for a person to look at. Also the report reached mid-run,
 * which must not show later rounds' senior path, and the phone layout's drawer and key bar.
 */
import { expect, test, type Page } from '@playwright/test';
import { answer, collectErrors, solutionAnswers, startFromHome } from './gauntlet.ts';
import { expectScreen, run, screenText } from './terminal.ts';
import { axeViolations } from './axe.ts';

const WIDTHS = [
  { width: 390, height: 844 },
  { width: 1024, height: 768 },
  { width: 1440, height: 900 },
];

/**
 * Elements whose box reaches past the viewport's right edge, ignoring what sits inside a scroll
 * container (a wide table scrolling inside its card is fine) and the terminal's own layers.
 */
async function spills(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width) out.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
    const scrolls = (el: Element) => ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(el).overflowX);
    for (const el of document.body.querySelectorAll('*')) {
      if (el.closest('.xterm, .sr-only')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.right <= width + 1) continue;
      let parent = el.parentElement;
      let clipped = false;
      while (parent && parent !== document.body) {
        if (scrolls(parent)) clipped = true;
        parent = parent.parentElement;
      }
      if (!clipped) out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 40)}" right=${Math.round(r.right)} > ${width}`);
    }
    return out;
  });
}

async function check(page: Page, name: string, width: number): Promise<void> {
  await page.waitForTimeout(300);
  expect(await spills(page), `${name} at ${width}px`).toEqual([]);
  expect(await axeViolations(page), `${name} at ${width}px`).toEqual([]);
  await page.screenshot({ path: test.info().outputPath(`${name}-${width}.png`), fullPage: true });
}

test('every page at 390, 1024 and 1440 px: no overflow, no axe violation; the mid-run report hides later rounds', async ({ page, context }) => {
  test.setTimeout(240_000);
  const errors = collectErrors(page);
  await startFromHome(page, 'sigill-node');
  await run(page, 'kubectl get pods -n production -o wide');
  await expectScreen(page, 'storefront-');
  await answer(page, 1, solutionAnswers('sigill-node')[0]);
  await page.getByRole('button', { name: 'Next round' }).click();
  await expect(page.getByText('Round 2 of 5')).toBeVisible();

  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kubernetes incident gauntlets');
    await check(page, 'home', size.width);

    await page.goto('/?scenario=sigill-node');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pods crash-looping on one node');
    await expectScreen(page, 'learner@laptop:~$');
    await check(page, 'play', size.width);

    await page.goto('/?scenario=sigill-node&view=report');
    const paths = page.getByRole('region', { name: 'The senior path and yours' });
    await expect(paths).toContainText('kubectl get pods -n production -o wide');
    await expect(paths).toContainText('more steps after you answer the remaining rounds.');
    for (const secret of ['avx512', 'cordon', 'invalid opcode', 'ip-10-42-3-208', 'dmesg']) await expect(paths).not.toContainText(secret);
    await expect(page.getByRole('region', { name: 'Round by round' })).toContainText('Round 2: The Probe. Its verdicts, the interviewer\'s follow-up and the model answer appear after you answer.');
    await check(page, 'report-midrun', size.width);

    await page.goto('/?view=progress');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your progress');
    await check(page, 'progress', size.width);
  }
  expect(errors).toEqual([]);
  void context;
});

test('a finished attempt: its report and the progress page listing it, at 390, 1024 and 1440 px', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = collectErrors(page);
  await startFromHome(page, 'sigill-node');
  await run(page, 'kubectl get pods -n production -o wide');
  await expectScreen(page, 'storefront-');
  const answers = solutionAnswers('sigill-node');
  for (let r = 1; r <= 5; r++) {
    await answer(page, r, answers[r - 1]);
    await page.getByRole('button', { name: r === 5 ? 'See report' : 'Next round' }).click();
  }
  await expect(page).toHaveURL(/view=report$/);
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    await page.goto('/?scenario=sigill-node&view=report');
    await expect(page.getByLabel(/^Total score \d+ out of 100$/)).toBeVisible();
    await check(page, 'report-finished', size.width);

    await page.goto('/?view=progress');
    await expect(page.getByRole('region', { name: 'Pods crash-looping on one node' }).getByRole('row')).toHaveCount(2);
    await check(page, 'progress-attempt', size.width);
  }
  expect(errors).toEqual([]);
});

test('on a phone the terminal comes first, the round opens in a drawer, and the key bar types', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await startFromHome(page, 'sigill-node');
  await expectScreen(page, 'learner@laptop:~$');
  const drawer = page.getByRole('button', { name: /^Round 1\/5: The Opening/ });
  await expect(drawer).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByLabel('Your answer')).toBeHidden();
  const term = (await page.locator('.term').boundingBox())!;
  expect(term.height).toBeGreaterThan(500);
  expect(term.width).toBeGreaterThan(380);

  // Key bar: Tab completes, Ctrl then "u" kills the line, Up recalls the last command.
  await page.locator('.xterm').click();
  await page.keyboard.type('kubectl descr');
  const bar = page.getByRole('toolbar', { name: 'Terminal keys' });
  await bar.getByRole('button', { name: 'Tab' }).click();
  await expect.poll(() => screenText(page)).toContain('kubectl describe ');
  await bar.getByRole('button', { name: 'Ctrl' }).click();
  await expect(bar.getByRole('button', { name: 'Ctrl' })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.type('u');
  await expect(bar.getByRole('button', { name: 'Ctrl' })).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.type('echo from-phone');
  await page.keyboard.press('Enter');
  await bar.getByRole('button', { name: 'Up' }).click();
  await expect.poll(() => screenText(page)).toMatch(/from-phone\nlearner@laptop:~\$ echo from-phone/);

  await drawer.click();
  await expect(drawer).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByLabel('Your answer')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'The Opening' })).toBeVisible();
});

test('Shift+Tab leaves the terminal', async ({ page }) => {
  await startFromHome(page, 'sigill-node');
  await expectScreen(page, 'learner@laptop:~$');
  await page.locator('.xterm').click();
  await expect(page.locator('textarea.xterm-helper-textarea')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(page.locator('textarea.xterm-helper-textarea')).not.toBeFocused();
});
