/**
 * Faults in a live interview: the server process is killed (SIGKILL) mid-session and started again
 * on the same embedded database; and, on a real PostgreSQL, the candidate and the interviewer are on
 * two different server processes, one of which is killed and restarted. Both browsers reconnect by
 * themselves, what the candidate typed while the server was down arrives, and the server holds every
 * command exactly once.
 */
import { test, expect } from '@playwright/test';
import { LiveServer, freePort } from './liveServer.ts';
import { createOverApi, openBoth, serverCommands, watch } from './livePages.ts';
import { findPostgres, startPostgres, type TestPostgres } from './postgres.ts';
import { expectScreen, run } from './terminal.ts';

test('the embedded-database server is killed and restarted mid-session: both sides reconnect and nothing is lost or doubled', async ({ browser }) => {
  test.setTimeout(500_000);
  const server = await LiveServer.start();
  try {
    const links = await createOverApi(server.url);
    const { cand, iv, close } = await openBoth(browser, links, server.url);
    await run(cand, 'kubectl get pods -n production');
    await expect(watch(iv)).toContainText('CrashLoopBackOff');

    await server.kill();
    await expect(cand.getByRole('status').filter({ hasText: 'Reconnecting…' })).toBeVisible();
    await expect(iv.getByRole('status').filter({ hasText: 'Reconnecting…' })).toBeVisible();
    // The candidate keeps working while the server is down: the terminal runs in their browser.
    await run(cand, 'kubectl get nodes -L node.kubernetes.io/instance-type');
    await expectScreen(cand, 'm5a.2xlarge');

    await server.boot();
    await expect(cand.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible({ timeout: 20_000 });
    await expect(watch(iv)).toContainText('m5a.2xlarge', { timeout: 20_000 });
    await cand.getByLabel('Your answer').fill('Pods crash only on ip-10-42-3-208, the m5a node; next I read the previous logs.');
    await cand.getByRole('button', { name: 'Submit answer' }).click();
    await expect(iv.getByRole('heading', { name: /Ada: round 2 of 5/ })).toBeVisible();
    expect(await serverCommands(server.url, links.interviewerToken)).toEqual(['kubectl get pods -n production', 'kubectl get nodes -L node.kubernetes.io/instance-type']);
    await close();
  } finally {
    await server.stop();
  }
});

test.describe('two server processes on one PostgreSQL', () => {
  const bin = findPostgres();
  test.skip(!bin, "needs Debian's postgresql package (CI installs it)");
  let pg: TestPostgres;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    pg = await startPostgres(bin!);
  });
  test.afterAll(() => pg?.stop());

  test('candidate on one process, interviewer on the other: they see each other at once, and survive a restart of the candidate\'s process', async ({ browser }) => {
    test.setTimeout(500_000);
    const env = { DATABASE_URL: pg.url };
    const [a, b] = await Promise.all([LiveServer.start({ env, port: await freePort() }), LiveServer.start({ env, port: await freePort() })]);
    try {
      const links = await createOverApi(a.url, 'Grace');
      const { cand, iv, close } = await openBoth(browser, links, a.url, b.url);
      await expect(iv.getByRole('heading', { name: /Grace: round 1 of 5/ })).toBeVisible();
      await run(cand, 'kubectl get pods -n production -o wide');
      await expect(watch(iv)).toContainText('ip-10-42-3-208');
      // Controls on process B reach the candidate on process A.
      await iv.getByRole('button', { name: /Release hint 1 of/ }).click();
      await expect(cand.getByRole('list', { name: 'Hints' })).toBeVisible();
      await cand.getByLabel('Your answer').fill('Only the new node crashes them');
      await expect(iv.getByLabel("Candidate's draft")).toContainText('Only the new node');

      await a.kill();
      await run(cand, 'kubectl get nodes');
      await a.boot();
      await expect(watch(iv)).toContainText('kubectl get nodes', { timeout: 20_000 });
      await cand.getByRole('button', { name: 'Submit answer' }).click();
      await expect(iv.getByRole('heading', { name: /Grace: round 2 of 5/ })).toBeVisible();
      for (const base of [a.url, b.url]) expect(await serverCommands(base, links.interviewerToken)).toEqual(['kubectl get pods -n production -o wide', 'kubectl get nodes']);
      await close();
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});
