/**
 * The node-notready gauntlet end to end in real Chromium: from the home page, scope the NotReady
 * node from its conditions and Lease, find kubelet crash-looping on a hand-edited config over ssh,
 * repair it and watch the node turn Ready and the StatefulSet come back to 3/3 without forcing,
 * start containerd on the second node, answer five rounds and read the report.
 */
import { expect, test } from '@playwright/test';
import { answer, collectErrors, expectReport, solutionAnswers, startFromHome } from './gauntlet.ts';
import { expectScreen, run } from './terminal.ts';

// The reference solution's answers: one source for the CLI replay and this test.
const ANSWERS = solutionAnswers('node-notready');

test('play node-notready from the home page to the report', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  expect(ANSWERS).toHaveLength(5);

  await startFromHome(page, 'node-notready');
  await expectScreen(page, 'learner@laptop:~$');
  await expect(page.getByRole('heading', { name: 'The Opening' })).toBeVisible();

  // Round 1: one node of four, silent for 27 minutes; its pods evicted, seat-ledger-0 left Terminating.
  await run(page, 'kubectl get nodes');
  await expectScreen(page, /ip-10-52-2-47\s+NotReady/);
  await run(page, "kubectl describe node ip-10-52-2-47 | grep -e RenewTime -e '^  Ready'");
  await expectScreen(page, /Ready\s+Unknown .* NodeStatusUnknown\s+Kubelet stopped posting node status\./);
  await run(page, 'kubectl get pods -n booking -o wide');
  await expectScreen(page, /seat-ledger-0\s+1\/1\s+Terminating/);
  await run(page, 'kubectl get events -n booking --sort-by=.lastTimestamp');
  await expectScreen(page, 'Marking for deletion Pod booking/seat-ledger-0');
  const scores = [await answer(page, 1, ANSWERS[0])];
  await page.getByRole('button', { name: 'Next round' }).click();

  // Round 2: on the node, kubelet exits at every start on its config; the containers still run.
  await run(page, 'ssh ip-10-52-2-47');
  await expectScreen(page, 'root@ip-10-52-2-47:~#');
  await run(page, 'systemctl status kubelet | head -5');
  await expectScreen(page, 'Active: activating (auto-restart) (Result: exit-code)');
  await run(page, 'journalctl -u kubelet -n 3 --no-pager');
  await expectScreen(page, 'systemReservedCgroup (--system-reserved-cgroup) must be specified when \\"system-reserved\\" contained in enforceNodeAllocatable');
  await run(page, 'tail -3 /var/lib/kubelet/config.yaml');
  await expectScreen(page, '- system-reserved');
  await run(page, 'crictl ps | grep seat-ledger');
  await expectScreen(page, /Running\s+seat-ledger\s+0\s+\w+\s+seat-ledger-0\s+booking/);
  await run(page, 'exit');
  scores.push(await answer(page, 2, ANSWERS[1]));
  await page.getByRole('button', { name: 'Next round' }).click();

  // Round 3: the config repaired and kubelet restarted: Ready again, seat-ledger back to 3/3 unforced.
  await run(page, 'ssh ip-10-52-2-47');
  await run(page, "sed -i '/- system-reserved/d' /var/lib/kubelet/config.yaml");
  await run(page, 'systemctl restart kubelet');
  await run(page, 'systemctl is-active kubelet');
  await expectScreen(page, 'systemctl is-active kubeletactive');
  await run(page, 'exit');
  await run(page, 'kubectl get nodes ip-10-52-2-47');
  await expectScreen(page, /ip-10-52-2-47\s+Ready\s/);
  await run(page, 'sleep 80');
  await run(page, 'kubectl get statefulset seat-ledger -n booking');
  await expectScreen(page, /seat-ledger\s+3\/3/);
  scores.push(await answer(page, 3, ANSWERS[2]));
  await page.getByRole('button', { name: 'Next round' }).click();

  // Round 4: the second node says False, not Unknown: its kubelet reports containerd gone.
  await run(page, 'sleep 30');
  await run(page, "kubectl describe node ip-10-52-3-15 | grep '^  Ready'");
  await expectScreen(page, /Ready\s+False .* KubeletNotReady\s+container runtime is down/);
  await run(page, 'ssh ip-10-52-3-15');
  await run(page, 'crictl ps');
  await expectScreen(page, 'dial unix /run/containerd/containerd.sock: connect: no such file or directory');
  await run(page, 'systemctl start containerd');
  await run(page, 'exit');
  await run(page, 'kubectl get nodes ip-10-52-3-15');
  await expectScreen(page, /ip-10-52-3-15\s+Ready\s/);
  scores.push(await answer(page, 4, ANSWERS[3]));
  await page.getByRole('button', { name: 'Next round' }).click();
  scores.push(await answer(page, 5, ANSWERS[4]));
  await expectReport(page, 'node-notready', scores, 'systemctl restart kubelet');
  expect(errors).toEqual([]);
});
