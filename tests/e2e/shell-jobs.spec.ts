/**
 * Background jobs and the pager in the browser: `kubectl port-forward … &` prints `[1] PID` and
 * gives the prompt back, curl reaches the pod through it while the forward logs each connection,
 * `jobs` lists it, `kill %1` ends it with bash's notice; `less` opens a full-screen read-only
 * pager that `/`, G and q work in, and `journalctl` pages on a node unless --no-pager.
 */
import { expect, test } from '@playwright/test';
import { collectErrors } from './gauntlet.ts';
import { expectScreen, run, screenText } from './terminal.ts';

test('a background port-forward serves curl at the prompt; jobs and kill %1 as in bash', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?scenario=networkpolicy');
  await expectScreen(page, 'learner@laptop:~$');
  await run(page, 'curl localhost:8080/healthz');
  await expectScreen(page, "curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server");
  await run(page, 'kubectl -n checkout port-forward svc/order-service 8080:8080 &');
  await expectScreen(page, /\[1\] \d+\nForwarding from 127\.0\.0\.1:8080 -> 8080\nForwarding from \[::1\]:8080 -> 8080\nlearner@laptop:~\$ /);
  await run(page, 'curl -s localhost:8080/healthz; echo " <- $?"');
  await expectScreen(page, 'Handling connection for 8080\nok <- 0');
  await run(page, 'jobs');
  await expectScreen(page, '[1]+  Running                 kubectl -n checkout port-forward svc/order-service 8080:8080 &');
  await run(page, 'kill %1');
  await expectScreen(page, '[1]+  Terminated              kubectl -n checkout port-forward svc/order-service 8080:8080');
  await run(page, 'sleep 3 &');
  // The job ends on the clock while the prompt waits; bash reports it before the next prompt.
  await page.waitForTimeout(3500);
  await run(page, 'echo next');
  await expectScreen(page, /next\n\[1\]\+  Done                    sleep 3\n/);
  expect(errors).toEqual([]);
});

test('less pages a file full screen; / searches, G goes to the end, q leaves with nothing printed', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?scenario=crashloop');
  await expectScreen(page, 'learner@laptop:~$');
  await run(page, 'seq 1 500 > /tmp/n.txt; less /tmp/n.txt');
  const pager = page.getByRole('dialog', { name: 'Pager: /tmp/n.txt' });
  await expect(pager).toBeVisible();
  await expect(pager.getByRole('status')).toHaveText('/tmp/n.txt');
  await expect(pager.locator('.pager-body > div').first()).toHaveText('1');
  await page.keyboard.press('Space');
  await expect(pager.getByRole('status')).toHaveText(':');
  await page.keyboard.type('/^250$');
  await expect(pager.getByRole('status')).toHaveText('/^250$');
  await page.keyboard.press('Enter');
  await expect(pager.locator('.pager-body > div').first()).toHaveText('250');
  await page.keyboard.press('G');
  await expect(pager.getByRole('status')).toHaveText('(END)');
  await expect(pager.locator('.pager-body > div').last()).toHaveText('500');
  await page.keyboard.press('q');
  await expect(pager).toBeHidden();
  await run(page, 'echo "less exited $?"');
  await expectScreen(page, 'less exited 0');
  expect(await screenText(page)).not.toContain('\n499\n');
  // On a pipe less prints like cat; journalctl on a node pages unless told not to.
  await run(page, 'less /tmp/n.txt | tail -1');
  await expectScreen(page, /\n500\n/);
  expect(errors).toEqual([]);
});
