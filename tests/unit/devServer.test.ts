/**
 * `npm start` serves the app from Vite's dev server, where modules are transformed on request:
 * the scenario catalogue (a virtual module from build/scenariosPlugin.ts) must load there too, not
 * only in `vite build` (which the e2e tests use).
 */
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../calibration/load.ts';

describe('the dev server (npm start)', () => {
  let server: ViteDevServer;
  let base = '';
  beforeAll(async () => {
    server = await createServer({ root: ROOT, configFile: `${ROOT}/vite.config.ts`, logLevel: 'silent', server: { host: '127.0.0.1', port: 0, hmr: false } });
    await server.listen();
    const address = server.httpServer!.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => server?.close());

  it('serves the module that lists the scenarios and the catalogue it imports', async () => {
    const scenarios = await fetch(`${base}/src/ui/scenarios.ts`);
    expect(scenarios.status).toBe(200);
    const catalog = await fetch(`${base}/@id/__x00__virtual:gauntlet-catalog`);
    expect(catalog.status).toBe(200);
    const text = await catalog.text();
    expect(text).toContain('"id":"sigill-node"');
    expect(text).toContain('virtual:gauntlet-scenario/public/sigill-node")');
  });
});
