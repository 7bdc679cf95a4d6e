/**
 * The etcd-slowness gauntlet end to end in real Chromium: slow kubectl shows the terminal busy and
 * honours Ctrl-C, the investigation on the control-plane nodes, the leader transfer that brings
 * kubectl back to normal speed, the NOSPACE curveball, and the report.
 */
import { expect, test, type Page } from '@playwright/test';
import { answer, collectErrors } from './gauntlet.ts';
import { expectScreen, run, screenText } from './terminal.ts';

const CERTS = '--cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key';
const ETCDCTL = `etcdctl --endpoints=https://10.0.1.11:2379,https://10.0.1.12:2379,https://10.0.1.13:2379 ${CERTS}`;

const ANSWERS = [
  'The storefront pods are all Running, so the data plane still serves; the control plane is slow. Every symptom is an API server request: kubectl, rollouts, ' +
    'and the kubelet heartbeats (Lease renewals), so nodes flap NotReady everywhere. time kubectl measures about twelve seconds. The API server logs show ' +
    'etcdserver: request timed out, so I suspect etcd, and I do not restart anything before I know which component is slow.',
  'etcd uses Raft: every write goes to the leader, which must fsync it to its WAL before it counts, and a quorum must have it on disk. A healthy p99 fsync ' +
    'is under 10 ms; 250 ms is catastrophic. endpoint status shows cp-2 is the leader, and its gp2 volume is saturated (iostat util 100%, high await).',
  'I move-leader to a healthy member (cp-1) so the fast members form the quorum, and confirm with endpoint status and time kubectl, back to normal. ' +
    'Restarting etcd means an election and a brief outage and does not fix the disk; adding members makes it worse because the quorum becomes three of four. ' +
    'The real fix is to migrate cp-2 to a dedicated SSD volume (gp3 or io2).',
  'etcd raised a NOSPACE alarm: the database hit its quota and refuses writes. The source is an events storm from report-fanout. I compact first, ' +
    'then defrag one member at a time with the leader last, because only defrag returns the space, then alarm disarm and scale report-fanout to zero.',
  'Dedicated NVMe or provisioned IOPS SSD (gp3, io2) for every etcd member, the same everywhere to avoid drift from an old launch template; alerts on ' +
    'etcd_disk_wal_fsync_duration_seconds p99 above 10 ms and db_total_size against the quota; a separate etcd for events via --etcd-servers-overrides; ' +
    'defrag on a schedule, one member at a time.',
];

test('play etcd-slowness: slow kubectl, Ctrl-C, move-leader, the NOSPACE curveball, the report', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);

  await page.goto('/');
  const card = page.locator('[data-scenario="etcd-slowness"]');
  await card.getByRole('button', { name: 'Start' }).click();
  await expect(page).toHaveURL(/\?scenario=etcd-slowness$/);
  await expectScreen(page, 'learner@laptop:~$');

  // Round 1: kubectl takes ~12 s of virtual time; the terminal shows it working, then bash's time report.
  await run(page, 'time kubectl get pods -n shop');
  await expect(page.getByRole('status').filter({ hasText: 'Ctrl-C' })).toBeVisible();
  await expectScreen(page, /real\s+0m1[12]\.\d{3}s/);
  await expect(page.getByRole('status').filter({ hasText: 'Ctrl-C' })).toBeHidden();
  await expectScreen(page, 'storefront');

  // Ctrl-C while kubectl waits: ^C and a fresh prompt, as bash prints them.
  await run(page, 'kubectl get nodes');
  await expect(page.getByRole('status').filter({ hasText: 'Ctrl-C' })).toBeVisible();
  await page.keyboard.press('Control+C');
  await expect.poll(() => screenText(page)).toMatch(/\$ kubectl get nodes\n\^C\nlearner@laptop:~\$\s*$/);

  await run(page, 'kubectl logs -n kube-system kube-apiserver-cp-1 | grep -m2 "request timed out"');
  await expectScreen(page, 'etcdserver: request timed out');
  const scores = [await answer(page, 1, ANSWERS[0])];
  await page.getByRole('button', { name: 'Next round' }).click();

  // Round 2: find the leader and its disk.
  await run(page, 'ssh cp-1');
  await expectScreen(page, 'root@cp-1:~#');
  await run(page, `${ETCDCTL} endpoint status -w table`);
  await expectScreen(page, '| https://10.0.1.12:2379 | 8b550d2de4e38d0a |  3.5.15 |');
  await run(page, 'exit');
  await run(page, 'ssh cp-2');
  await run(page, 'iostat -xd nvme1n1 1 2');
  await expectScreen(page, /nvme1n1 .*(99|100)\.\d\d/);
  scores.push(await answer(page, 2, ANSWERS[1]));
  await page.getByRole('button', { name: 'Next round' }).click();

  // Round 3: move the leader off the slow disk; kubectl is fast again.
  await run(page, 'exit');
  await run(page, 'ssh cp-1');
  await run(page, `${ETCDCTL} move-leader 7d4f3fb1d5c112d6`);
  await expectScreen(page, 'Leadership transferred from 8b550d2de4e38d0a to 7d4f3fb1d5c112d6');
  await run(page, `${ETCDCTL} endpoint status -w table`);
  await run(page, 'exit');
  await run(page, 'time kubectl get pods -n shop');
  await expectScreen(page, /real\s+0m0\.\d{3}s/);
  scores.push(await answer(page, 3, ANSWERS[2]));
  await page.getByRole('button', { name: 'Next round' }).click();

  // Round 4: the events storm has filled etcd.
  await run(page, 'ssh cp-1');
  await run(page, `${ETCDCTL} alarm list`);
  await expectScreen(page, 'alarm:NOSPACE');
  await run(page, 'exit');
  scores.push(await answer(page, 4, ANSWERS[3]));
  await page.getByRole('button', { name: 'Next round' }).click();
  scores.push(await answer(page, 5, ANSWERS[4]));
  await page.getByRole('button', { name: 'See report' }).click();

  await expect(page).toHaveURL(/\?scenario=etcd-slowness&view=report$/);
  await expect(page.getByRole('heading', { name: /^Report:/ })).toBeVisible();
  const total = Number((await page.getByLabel(/^Total score \d+ out of 100$/).getAttribute('aria-label'))!.match(/\d+/)![0]);
  expect(Math.abs(total - scores.reduce((a, b) => a + b, 0) / scores.length)).toBeLessThanOrEqual(1);
  expect(scores[2]).toBeGreaterThanOrEqual(85);
  await expect(page.getByRole('region', { name: 'The senior path and yours' })).toContainText('move-leader');
  expect(errors).toEqual([]);
});
