/**
 * Links that open nothing: a wrong, garbled or expired token each get a plain page saying so, with
 * no session's data in what the browser received; the interviewer link is not derivable from the
 * candidate link (independent random tokens, checked in src/server/live.test.ts).
 */
import { test, expect } from '@playwright/test';
import { LiveServer } from './liveServer.ts';
import { createOverApi } from './livePages.ts';

test('a wrong link and an expired link get a clear page and no session data', async ({ page }) => {
  test.setTimeout(400_000);
  const server = await LiveServer.start({ env: { GAUNTLET_LINK_TTL_MS: '4000' } });
  try {
    const links = await createOverApi(server.url, 'Linus');
    const frames: string[] = [];
    page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload))));

    // One character changed: not this session, not any session.
    const wrong = links.candidateToken.slice(0, -1) + (links.candidateToken.endsWith('A') ? 'B' : 'A');
    for (const path of [`/live/c/${wrong}`, `/live/i/${wrong}`]) {
      await page.goto(`${server.url}${path}`);
      await expect(page.getByRole('heading', { name: 'This link does not open an interview' })).toBeVisible();
      await expect(page.getByRole('alert')).toHaveText(/This interview link is not valid/);
    }

    // Garbled links (cut short, far too long, not a token at all) get the same page, not "Connecting…".
    for (const token of [links.candidateToken.slice(0, 6), 'x'.repeat(300), '%3Cb%3Ehi%3C%2Fb%3E']) {
      await page.goto(`${server.url}/live/c/${token}`);
      await expect(page.getByRole('alert')).toHaveText(/This interview link is not valid/);
    }

    await new Promise((ok) => setTimeout(ok, 4500));
    for (const token of [links.candidateToken, links.interviewerToken]) {
      await page.goto(`${server.url}/live/${token === links.candidateToken ? 'c' : 'i'}/${token}`);
      await expect(page.getByRole('alert')).toHaveText(/This interview link has expired/);
    }
    expect(frames.every((f) => JSON.parse(f).type === 'error')).toBe(true);
    expect(frames.join('\n')).not.toContain('Linus');
    expect(frames.join('\n')).not.toContain('sigill-node');
  } finally {
    await server.stop();
  }
});
