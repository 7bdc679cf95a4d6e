/**
 * jq in the browser: the WebAssembly build loads beside the play page (also under /live/… paths,
 * where a relative fetch of jq.wasm would miss) and answers in a pipeline as the real program does.
 */
import { expect, test } from '@playwright/test';
import { collectErrors } from './gauntlet.ts';
import { expectScreen, run } from './terminal.ts';

test('jq filters kubectl JSON in the terminal', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?scenario=terminating');
  await expectScreen(page, 'learner@laptop:~$');
  await run(page, `kubectl get ns -o json | jq -r '.items[] | select(.status.phase == "Terminating") | .metadata.name + " " + (.spec.finalizers | tostring)'`);
  await expectScreen(page, 'relay-system ["kubernetes"]');
  await run(page, `echo '{}' | jq '.items[]'; echo "rc=$?"`);
  await expectScreen(page, 'jq: error (at <stdin>:1): Cannot iterate over null (null)');
  await expectScreen(page, 'rc=5');
  expect(errors).toEqual([]);
});
