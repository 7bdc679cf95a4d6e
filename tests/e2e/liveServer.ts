/**
 * Starts Gauntlet's real server (`src/server/main.ts` on the production build in dist/, as
 * `npm run serve` does) as a child process for end-to-end tests: on a free port, over an embedded
 * database in a temporary directory unless DATABASE_URL is given. `kill()` is a hard kill (SIGKILL),
 * as a crash would be; `stop()` a clean one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

export interface ServerOptions {
  port?: number;
  dataDir?: string;
  env?: Record<string, string>;
  /** Extra arguments for node before the script (e.g. `--cpu-prof` to profile the server). */
  nodeArgs?: string[];
}

export class LiveServer {
  private child?: ChildProcess;
  output = '';
  readonly port: number;
  readonly dataDir: string;

  private constructor(port: number, dataDir: string, private readonly env: Record<string, string>, private readonly nodeArgs: string[] = []) {
    this.port = port;
    this.dataDir = dataDir;
  }

  static async start(o: ServerOptions = {}): Promise<LiveServer> {
    const s = new LiveServer(o.port ?? (await freePort()), o.dataDir ?? mkdtempSync(join(tmpdir(), 'gauntlet-e2e-')), o.env ?? {}, o.nodeArgs);
    await s.boot();
    return s;
  }

  /** The server process's id (undefined before it starts). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts the process (again, after a kill) and waits until it listens. */
  async boot(): Promise<void> {
    const child = spawn(process.execPath, [...this.nodeArgs, '--import', 'tsx', 'src/server/main.ts'], {
      cwd: ROOT,
      // GAUNTLET_SEED=0: interviews play the scenario as written (the specs type its node names) unless a spec sets another.
      env: { ...process.env, PORT: String(this.port), GAUNTLET_DATA_DIR: this.dataDir, GAUNTLET_SEED: '0', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    await new Promise<void>((ok, fail) => {
      // Generous: the embedded database's first start runs initdb in WASM, slow on a busy machine.
      const timer = setTimeout(() => fail(new Error(`server did not start:\n${this.output}`)), 240_000);
      const read = (d: Buffer) => {
        this.output += d.toString();
        if (this.output.includes('Gauntlet at ')) {
          clearTimeout(timer);
          ok();
        }
      };
      child.stdout!.on('data', read);
      child.stderr!.on('data', read);
      child.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`server exited with ${code}:\n${this.output}`));
      });
    });
  }

  /** SIGKILL: no clean shutdown, as when the machine or the process dies. */
  kill(): Promise<void> {
    return this.signal('SIGKILL');
  }

  stop(): Promise<void> {
    return this.signal('SIGTERM');
  }

  private async signal(sig: NodeJS.Signals): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((ok) => c.once('exit', ok));
    c.kill(sig);
    await exited;
  }
}
