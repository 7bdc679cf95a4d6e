/** Helpers the live-interview specs share: create an interview over the API, open both sides, watch the interviewer's terminal. */
import { expect, type Browser, type Page } from '@playwright/test';

export interface Links {
  candidateToken: string;
  interviewerToken: string;
}

/** Creates a sigill-node interview on the server at `base`. */
export async function createOverApi(base: string, candidateName = 'Ada'): Promise<Links> {
  const r = await fetch(`${base}/api/live`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenario: 'sigill-node', candidateName, timeLimitMin: 30 }) });
  expect(r.status).toBe(200);
  return (await r.json()) as Links;
}

/** The candidate's page (on `candidateBase`) past "how this works", and the interviewer's (on `interviewerBase`), in two contexts. */
export async function openBoth(browser: Browser, links: Links, candidateBase: string, interviewerBase = candidateBase): Promise<{ cand: Page; iv: Page; close(): Promise<void> }> {
  const candCtx = await browser.newContext();
  const ivCtx = await browser.newContext();
  const iv = await ivCtx.newPage();
  await iv.goto(`${interviewerBase}/live/i/${links.interviewerToken}`);
  const cand = await candCtx.newPage();
  await cand.goto(`${candidateBase}/live/c/${links.candidateToken}`);
  await cand.getByRole('button', { name: 'Start' }).click();
  await expect(cand.getByText('Round 1 of 5')).toBeVisible();
  return { cand, iv, close: async () => { await candCtx.close(); await ivCtx.close(); } };
}

/** The interviewer's view of the candidate's terminal. */
export const watch = (page: Page) => page.getByRole('region', { name: "Candidate's terminal" }).locator('.xterm-accessibility-tree');

/** The command lines the server's report holds, in order (each exactly once when nothing was lost or doubled). */
export async function serverCommands(base: string, interviewerToken: string): Promise<string[]> {
  const r = (await (await fetch(`${base}/api/live/${interviewerToken}/report.json`)).json()) as { report: { timeline: { line: string }[] } };
  return r.report.timeline.map((t) => t.line);
}
