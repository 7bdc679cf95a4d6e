/**
 * A live interview end to end through the real server (production build, embedded database), with
 * the interviewer and the candidate in two browser contexts that share nothing: create, the
 * candidate plays three rounds while the interviewer watches each command's output, releases a hint,
 * writes a note, overrides a score and ends; both sides reload mid-session and lose nothing; then the
 * interviewer replays the terminal and exports the report. Every byte the candidate's page received
 * (documents, scripts, styles, API answers, WebSocket frames) is scanned for the scenario's private text.
 */
import { readFileSync } from 'node:fs';
import { test, expect, type Page, type BrowserContext } from '@playwright/test';
import { loadScenario } from '../../src/cli/content.ts';
import { privateTexts } from '../live/private.ts';
import { collectErrors, solutionAnswers } from './gauntlet.ts';
import { LiveServer } from './liveServer.ts';
import { expectScreen, run } from './terminal.ts';
import { watch } from './livePages.ts';

test.describe.configure({ mode: 'serial' });

let server: LiveServer;
test.beforeAll(async () => {
  test.setTimeout(300_000);
  server = await LiveServer.start();
});
test.afterAll(async () => {
  await server?.stop();
});

/**
 * Everything a browser context receives: every response body (documents, scripts and lazy chunks,
 * styles, API answers) and every WebSocket frame, as text, with the URLs read. `settled()` waits for
 * the bodies still being read; `unread` lists responses without a body (redirects only, we expect).
 */
function recordTraffic(context: BrowserContext) {
  const seen: string[] = [];
  const urls = new Set<string>();
  const unread: string[] = [];
  const pending: Promise<void>[] = [];
  context.on('response', (r) => {
    pending.push(
      r.body().then(
        (body) => {
          seen.push(`${r.url()}\n${body.toString('utf8')}`);
          urls.add(r.url());
        },
        () => void unread.push(`${r.status()} ${r.url()}`),
      ),
    );
  });
  context.on('page', (page) => page.on('websocket', (ws) => ws.on('framereceived', (f) => seen.push(String(f.payload)))));
  return { seen, urls, unread, settled: () => Promise.all(pending), text: () => seen.join('\n') };
}

/** Every URL the page's document loaded (scripts, lazy chunks, styles, fetches), as the browser lists them. */
async function loadedByPage(page: Page): Promise<string[]> {
  const names = await page.evaluate(() => [location.href, ...performance.getEntriesByType('resource').map((e) => e.name)]);
  return names.filter((u) => u.startsWith('http'));
}

async function createInterview(page: Page, base: string): Promise<{ candidate: string; interviewer: string }> {
  await page.goto(`${base}/live/new`);
  await page.getByLabel('Scenario').selectOption('sigill-node');
  await page.getByLabel('Candidate’s name (optional)').fill('Ada');
  await page.getByLabel('Time limit in minutes (0 for none)').fill('45');
  await page.getByRole('button', { name: 'Create the interview' }).click();
  const candidate = await page.getByLabel('Candidate link').inputValue();
  const interviewer = await page.getByLabel('Interviewer link').inputValue();
  return { candidate, interviewer };
}

async function answer(page: Page, text: string): Promise<void> {
  await page.getByLabel('Your answer').fill(text);
  await page.getByRole('button', { name: 'Submit answer' }).click();
}

test('a live interview: two browsers, three rounds, hint, note, override, reloads, end, replay, export, and no private byte on the candidate side', async ({ browser }) => {
  test.setTimeout(400_000);
  const scenario = loadScenario('sigill-node');
  if (!scenario.ok) throw new Error(scenario.error);
  const answers = solutionAnswers('sigill-node');
  const contexts: BrowserContext[] = [await browser.newContext({ viewport: { width: 1440, height: 900 } }), await browser.newContext({ viewport: { width: 1400, height: 860 } })];
  const [interviewerCtx, candidateCtx] = contexts;
  const traffic = recordTraffic(candidateCtx);
  const iv = await interviewerCtx.newPage();
  const ivErrors = collectErrors(iv);
  const links = await createInterview(iv, server.url);
  expect(links.candidate).toMatch(/\/live\/c\/[A-Za-z0-9_-]{43}$/);
  expect(links.interviewer).toMatch(/\/live\/i\/[A-Za-z0-9_-]{43}$/);
  await iv.goto(links.interviewer);
  await expect(iv.getByRole('heading', { name: 'Ada: has not started yet' })).toBeVisible();

  const cand = await candidateCtx.newPage();
  const typed: string[] = [];
  const type = (line: string) => {
    typed.push(line);
    return run(cand, line);
  };
  const candErrors = collectErrors(cand);
  await cand.goto(links.candidate);
  await expect(cand.getByRole('heading', { name: 'How this works' })).toBeVisible();
  await cand.getByRole('button', { name: 'Start' }).click();
  await expect(cand.getByText('Round 1 of 5')).toBeVisible();
  await expect(iv.getByRole('heading', { name: /Ada: round 1 of 5/ })).toBeVisible();

  // Round 1: each command's output reaches the interviewer's screen.
  await expectScreen(cand, 'learner@laptop:~$');
  await type('kubectl get pods -n production -o wide');
  await expectScreen(cand, 'CrashLoopBackOff');
  await expect(watch(iv)).toContainText('kubectl get pods -n production -o wide');
  await expect(watch(iv)).toContainText('ip-10-42-3-208');
  await type('kubectl get nodes -L node.kubernetes.io/instance-type');
  await expect(watch(iv)).toContainText('m5a.2xlarge');

  // A hint released by the interviewer appears in the candidate's round panel.
  const hint = scenario.scenario.rounds[0].rubric.hints[0].text;
  await iv.getByRole('button', { name: /Release hint 1 of/ }).click();
  await expect(cand.getByRole('list', { name: 'Hints' })).toContainText(hint.replace(/`/g, '').slice(0, 40));

  // The draft being written shows on the interviewer's side with a live verdict.
  await cand.getByLabel('Your answer').fill(answers[0]);
  await expect(iv.getByLabel("Candidate's draft")).toContainText('CrashLoopBackOff means', { timeout: 10_000 });
  await expect(iv.getByLabel(/^Live score \d+ out of 100$/)).toBeVisible();

  // Reload the candidate mid-round: the terminal, round and draft come back.
  await cand.reload();
  await expect(cand.getByText('Round 1 of 5')).toBeVisible();
  await expectScreen(cand, 'ip-10-42-3-208');
  await expect(cand.getByLabel('Your answer')).toHaveValue(answers[0]);
  await cand.getByRole('button', { name: 'Submit answer' }).click();
  await expect(cand.getByText('Round 2 of 5')).toBeVisible();
  await expect(iv.getByRole('heading', { name: /Ada: round 2 of 5/ })).toBeVisible();

  // Round 2 on the node.
  await type('ssh ip-10-42-3-208');
  await expectScreen(cand, 'root@ip-10-42-3-208');
  await type('dmesg -T | tail -5');
  await expect(watch(iv)).toContainText('invalid opcode');
  // Reload the interviewer mid-session: the terminal and the answered round are still there.
  await iv.reload();
  await expect(watch(iv)).toContainText('invalid opcode');
  await expect(iv.getByRole('heading', { name: /Ada: round 2 of 5/ })).toBeVisible();
  await type('exit');
  await answer(cand, answers[1]);
  await expect(cand.getByText('Round 3 of 5')).toBeVisible();

  // Round 3.
  await type('ssh ip-10-42-3-208');
  await type('grep -m1 "model name" /proc/cpuinfo');
  await expect(watch(iv)).toContainText('AMD EPYC');
  await type('exit');
  await answer(cand, answers[2]);
  await expect(cand.getByText('Round 4 of 5')).toBeVisible();
  await expect(iv.getByRole('heading', { name: /Ada: round 4 of 5/ })).toBeVisible();

  // The interviewer's note, and an override of round 1 with a reason.
  await iv.getByLabel('Note (only interviewers see it)').fill('Reads exit codes fluently; went to the node without prompting.');
  await iv.getByRole('button', { name: 'Add note' }).click();
  await expect(iv.getByRole('list', { name: 'Notes' })).toContainText('Reads exit codes fluently');
  const round1 = scenario.scenario.rounds[0].title;
  await iv.getByText(new RegExp(`^${round1}: grader`)).click();
  // Unticking the concepts the grader credited lowers the interviewer's score of the round.
  const boxes = iv.getByRole('list', { name: `Concept marks of ${round1}` }).getByRole('checkbox');
  const credited = (await boxes.evaluateAll((es) => es.map((e) => (e as HTMLInputElement).checked))).flatMap((c, i) => (c ? [i] : []));
  expect(credited.length).toBeGreaterThan(0);
  for (const i of credited) {
    await boxes.nth(i).click();
    await expect(boxes.nth(i)).not.toBeChecked();
  }
  const judged = iv.getByText(new RegExp(`^${round1}: grader \\d+, interviewer \\d+ \\(concept marks\\)`));
  await expect(judged).toBeVisible();
  const [grader, mine] = (await judged.textContent())!.match(/\d+/g)!.map(Number);
  expect(mine).toBeLessThan(grader);
  await iv.getByLabel(`Override score for ${round1}`).fill('95');
  await iv.getByLabel(`Reason for ${round1}`).fill('Explained back-off timing on the call');
  await iv.getByRole('button', { name: 'Override score' }).first().click();
  await expect(iv.getByText(new RegExp(`^${round1}: grader \\d+, interviewer 95 \\(override\\)`))).toBeVisible();
  // The README's picture of the interviewer's screen.
  await iv.getByText(new RegExp(`^${round1}: grader`)).click();
  await iv.locator('.live-side').evaluate((e) => e.scrollTo(0, 0));
  await iv.screenshot({ path: 'docs/live-interviewer.png' });

  // Reload the interviewer again: the note, the concept marks and the override are all still there.
  await iv.reload();
  await expect(iv.getByRole('list', { name: 'Notes' })).toContainText('Reads exit codes fluently');
  await expect(iv.getByText(new RegExp(`^${round1}: grader ${grader}, interviewer 95 \\(override\\)`))).toBeVisible();
  await iv.getByText(new RegExp(`^${round1}: grader`)).click();
  for (const i of credited) await expect(boxes.nth(i)).not.toBeChecked();

  // The candidate's browser never received the interviewer's link (it cannot be derived from theirs).
  await traffic.settled();
  expect(traffic.text()).not.toContain(links.interviewer.split('/').at(-1)!);

  // No private text reached the candidate's browser before the end.
  // What the candidate typed, and the hint released to them, are theirs to see.
  const theirs = [...typed, ...answers.slice(0, 3), hint].join('\n');
  const secrets = privateTexts(scenario.scenario).filter((t) => !theirs.includes(t));
  expect(secrets.length).toBeGreaterThan(50);
  // The scan covers every request the candidate's page made, its JS chunks included.
  await traffic.settled();
  const loaded = await loadedByPage(cand);
  expect(loaded.filter((u) => !traffic.urls.has(u))).toEqual([]);
  expect(loaded.filter((u) => /\/assets\/.+\.js$/.test(u)).length).toBeGreaterThan(2);
  expect(traffic.unread.filter((u) => !/^30\d /.test(u))).toEqual([]);
  const received = traffic.text();
  expect(received).toContain('"type":"welcome"');
  expect(secrets.filter((t) => received.includes(t) || received.includes(JSON.stringify(t).slice(1, -1)))).toEqual([]);

  // End without sharing: the candidate's page says so and shows no report.
  iv.once('dialog', (d) => void d.accept());
  await iv.getByRole('button', { name: 'End the interview' }).click();
  await expect(cand.getByRole('heading', { name: 'The interview has ended' })).toBeVisible();
  await expect(cand.getByText('The interviewer has not shared a report.')).toBeVisible();
  await traffic.settled();
  const afterEnd = traffic.text();
  expect(secrets.filter((t) => afterEnd.includes(t) || afterEnd.includes(JSON.stringify(t).slice(1, -1)))).toEqual([]);

  // Replay: the player shows the terminal; seeking to the end shows the last command.
  await iv.getByRole('button', { name: 'Replay the terminal' }).click();
  await expect(iv.getByRole('list', { name: 'Moments' })).toContainText('Answer: round 1');
  await expect(iv.getByRole('list', { name: 'Moments' })).toContainText('Evidence:');
  await iv.getByRole('button', { name: 'Jump to the end' }).click();
  await expect(iv.locator('.live-player')).toContainText('Connection to ip-10-42-3-208 closed.', { timeout: 15_000 });

  // Export: the Markdown has the grader's report, the override and the note.
  const download = iv.waitForEvent('download');
  await iv.getByRole('link', { name: 'Export Markdown' }).click();
  const md = readFileSync((await (await download).path())!, 'utf8');
  expect(md).toContain('# Report: ');
  expect(md).toContain('## Interviewers');
  expect(md).toMatch(new RegExp(`\\| ${round1} \\| ${grader} \\| ${mine} \\| 95 \\| Explained back-off timing on the call \\|`));
  expect(md).toContain('Reads exit codes fluently; went to the node without prompting.');

  // Sharing afterwards shows the candidate their report (without the notes).
  await iv.getByLabel('The candidate can see the report').click();
  await expect(iv.getByLabel('The candidate can see the report')).toBeChecked();
  await expect(cand.getByRole('heading', { name: /Your report: \d+\/100/ })).toBeVisible();
  await expect(cand.getByText('Reads exit codes fluently')).toHaveCount(0);

  // The Sessions page lists it.
  await iv.goto(`${server.url}/live/sessions`);
  await expect(iv.getByRole('table', { name: 'Sessions' })).toContainText('Ada');

  expect(ivErrors).toEqual([]);
  expect(candErrors).toEqual([]);
  for (const c of contexts) await c.close();
});
