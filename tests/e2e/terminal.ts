/** Helpers to drive the xterm terminal the way a user does, and read what a user sees. */
import { expect, type Page } from '@playwright/test';

/** The terminal's visible text, one line per row, as the accessibility tree exposes it. */
export async function screenText(page: Page): Promise<string> {
  return page.locator('.xterm-accessibility-tree').innerText();
}

/** Types a command line into the terminal and presses Enter. */
export async function run(page: Page, line: string): Promise<void> {
  await page.locator('.xterm').click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

/** Waits until the terminal shows `text` (a string or pattern). */
export async function expectScreen(page: Page, text: string | RegExp): Promise<void> {
  await expect(page.locator('.xterm-accessibility-tree')).toContainText(text);
}

/** Ctrl-C in the terminal (ends a watch such as `rollout status`), then waits for the prompt to come back after `^C`. */
export async function interrupt(page: Page): Promise<void> {
  await page.locator('.xterm').click();
  await page.keyboard.press('Control+C');
  await expect.poll(async () => /\^C\s*\n?learner@laptop:~\$ *$/.test((await screenText(page)).trimEnd() + ' ')).toBe(true);
}
