/**
 * Builds the app, serves it with `vite preview`, and times a first visit in Debian's Chromium
 * from navigation start to the terminal's first prompt.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser, type Request } from 'playwright-core';
import { median } from './stats.ts';

const VITE = 'node_modules/vite/bin/vite.js';
/** Debian's Chromium as every bench visit runs it: headless, no sandbox, nothing in the background. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const PROMPT = 'learner@laptop:~$';
/** How long one visit may take before we call the prompt missing. */
const PROMPT_TIMEOUT_MS = 15_000;

/** Outcome of the first-prompt measurement: figures, or why there are none. */
export type PromptFigures =
  /** `jsBeforePrompt`: the JS paths any timed visit requested before its prompt showed (see `visit`). */
  | { ok: true; runs: number; medianMs: number; samplesMs: number[]; wallMedianMs: number; jsBeforePrompt: string[] }
  | { ok: false; reason: string };

/** Runs a command to completion; rejects with its tail of output when it exits non-zero. */
export function runToEnd(args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited ${code}:\n${out.slice(-2000)}`))));
  });
}

/** Builds the app into `outDir` (a private folder, so a concurrent e2e run's dist/ is left alone). */
export function buildApp(root: string, outDir: string): Promise<void> {
  return runToEnd([VITE, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], root);
}

/** A running `vite preview`; `stop()` ends it (SIGTERM, then SIGKILL after 3 s). */
export interface Preview {
  url: string;
  stop(): Promise<void>;
}

/** Starts `vite preview` on `port` and resolves once it answers HTTP; rejects after 30 s or if it dies. */
export async function startPreview(root: string, outDir: string, port: number): Promise<Preview> {
  const child: ChildProcess = spawn(process.execPath, [VITE, 'preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`vite preview exited ${child.exitCode}: ${log.trim().slice(-500)}`);
      try {
        if ((await fetch(url)).ok) return { url, stop };
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`vite preview did not answer on ${url} within 30 s`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * Installed in every page before its scripts: watches the DOM and stamps `performance.now()` (ms
 * since navigation start) the first time the terminal's text holds the prompt. Kept as source text
 * because tsx compiles functions with a `__name` helper that does not exist inside the page.
 */
function watchForPrompt(prompt: string): string {
  return `(() => {
    const prompt = ${JSON.stringify(prompt)};
    const seen = () => ['.xterm-accessibility-tree', '.xterm-rows'].some((sel) => document.querySelector(sel)?.textContent?.includes(prompt));
    const observer = new MutationObserver(() => {
      if (window.__benchPromptAt === undefined && seen()) {
        window.__benchPromptAt = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true });
  })();`;
}

/** The URL path of a JavaScript request (a script, a module, a worker and its imports), else undefined. */
function jsPath(r: Request): string | undefined {
  const path = new URL(r.url()).pathname;
  return r.resourceType() === 'script' || /\.m?js$/.test(path) ? path : undefined;
}

/**
 * One fresh-context visit: ms from navigation start to the prompt (in page), wall ms around goto,
 * and every JS file whose request started before the prompt was on screen: index.html's scripts,
 * lazy chunks and worker scripts alike (the context's requests, dated by the browser; a chunk the
 * page asked for before the prompt counts even when it arrived after).
 */
async function visit(browser: Browser, url: string): Promise<{ inPage: number; wall: number; js: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 } }); // a new context: empty localStorage, IndexedDB, cookies and HTTP cache
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const requests: Request[] = [];
    context.on('request', (r) => {
      if (jsPath(r)) requests.push(r);
    });
    await page.addInitScript({ content: watchForPrompt(PROMPT) });
    const t0 = performance.now();
    await page.goto(url, { waitUntil: 'commit' });
    try {
      await page.waitForFunction(() => (window as unknown as { __benchPromptAt?: number }).__benchPromptAt !== undefined, undefined, { timeout: PROMPT_TIMEOUT_MS, polling: 10 });
    } catch {
      const state = await page.evaluate(() => (document.querySelector('.xterm') ? 'a terminal without the prompt' : `no terminal; page text: ${document.body.innerText.replace(/\s+/g, ' ').slice(0, 120)}`)).catch(() => 'page unreadable');
      throw new Error(`no \`${PROMPT}\` within ${PROMPT_TIMEOUT_MS / 1000} s (${state}${errors.length ? `; page error: ${errors[0]}` : ''})`);
    }
    const wall = performance.now() - t0;
    const { inPage, atEpochMs, resources } = await page.evaluate(() => {
      const at = (window as unknown as { __benchPromptAt: number }).__benchPromptAt;
      const resources = performance.getEntriesByType('resource').filter((e) => e.startTime <= at).map((e) => new URL(e.name).pathname);
      return { inPage: at, atEpochMs: performance.timeOrigin + at, resources };
    });
    // A request's start time is known once its response has begun (before that, timing() says 0 or
    // -1): wait for the responses, and count a request whose start stays unknown.
    const started = await Promise.all(requests.map(async (r) => {
      await Promise.race([r.response().catch(() => null), new Promise((ok) => setTimeout(ok, 10_000))]);
      return { path: jsPath(r)!, at: r.timing().startTime };
    }));
    // The page's own resource timing too (the same clock as the prompt's mark), in case an event was late.
    const js = [...started.filter((r) => r.at <= 0 || r.at <= atEpochMs).map((r) => r.path), ...resources.filter((p) => /\.m?js$/.test(p))];
    return { inPage, wall, js: [...new Set(js)] };
  } finally {
    await context.close();
  }
}

/** Times `runs` first visits to `url` (after one untimed warm-up visit). Never throws: failures become a reason. */
export async function benchFirstPrompt(url: string, runs = 5): Promise<PromptFigures> {
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    await visit(browser, url); // warm-up: Chromium's first renderer and the server's first reads
    const samples: { inPage: number; wall: number; js: string[] }[] = [];
    for (let i = 0; i < runs; i++) samples.push(await visit(browser, url));
    const samplesMs = samples.map((s) => s.inPage);
    return { ok: true, runs, medianMs: median(samplesMs), samplesMs, wallMedianMs: median(samples.map((s) => s.wall)), jsBeforePrompt: [...new Set(samples.flatMap((s) => s.js))] };
  } catch (e) {
    return { ok: false, reason: (e as Error).message.split('\n')[0] };
  } finally {
    await browser?.close();
  }
}
