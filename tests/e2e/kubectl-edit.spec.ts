/**
 * kubectl edit in the browser: the object opens full screen over the terminal in a vi editor;
 * vi keys change replicas, `:wq` saves, the terminal prints kubectl's `edited` line and the
 * cluster has the change; `:q!` cancels. A reload replays the saved file exactly.
 */
import { expect, test } from '@playwright/test';
import { collectErrors } from './gauntlet.ts';
import { expectScreen, run } from './terminal.ts';

test('kubectl edit: change replicas with vi keys, :wq, and get shows it', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?scenario=crashloop');
  await expectScreen(page, 'learner@laptop:~$');
  await run(page, 'kubectl edit deploy redis-master -n data');
  const editor = page.getByRole('dialog', { name: /^Editing \/tmp\/kubectl-edit-\d+\.yaml$/ });
  await expect(editor).toBeVisible();
  await expect(editor.locator('.cm-content')).toContainText("# Please edit the object below. Lines beginning with a '#' will be ignored,");
  // vi: find the spec's replicas, replace its value, write and quit.
  await page.keyboard.type('/replicas: 1');
  await page.keyboard.press('Enter');
  await page.keyboard.type('$r3');
  await page.keyboard.press('Escape');
  await page.keyboard.type(':wq');
  await page.keyboard.press('Enter');
  await expect(editor).toBeHidden();
  await expectScreen(page, 'deployment.apps/redis-master edited');
  await run(page, 'echo "replicas=$(kubectl get deploy redis-master -n data -o jsonpath={.spec.replicas})"');
  await expectScreen(page, 'replicas=3');
  await run(page, 'kubectl get deploy -n data');
  await expectScreen(page, /redis-master +\d\/3 +/);

  await run(page, 'kubectl edit deploy redis-master -n data');
  await expect(editor).toBeVisible();
  await page.keyboard.type('dd:q!');
  await page.keyboard.press('Enter');
  await expect(editor).toBeHidden();
  await expectScreen(page, 'Edit cancelled, no changes made.');

  // A reload rebuilds the session from its input log, the saved file included.
  await page.reload();
  await expectScreen(page, 'deployment.apps/redis-master edited');
  await run(page, 'echo "after reload: $(kubectl get deploy redis-master -n data -o jsonpath={.spec.replicas})"');
  await expectScreen(page, 'after reload: 3');
  expect(errors).toEqual([]);
});
