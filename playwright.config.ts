import { defineConfig } from '@playwright/test';

// Real Chromium from Debian (npm never downloads a browser here; see shared/TOOLCHAIN.md).
// The app is built first (`npm run test:e2e` = vite build && playwright test) and served by vite preview.
// E2E_PORT lets several checkouts run their e2e suites side by side.
const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1400, height: 860 },
    trace: 'retain-on-failure',
    // Practice attempts play the scenario as written (variant seed 0), so the specs can type its node
    // names; variants.spec.ts clears this to let attempts draw their seeds (src/ui/appStore.ts).
    storageState: { cookies: [], origins: [{ origin: `http://127.0.0.1:${port}`, localStorage: [{ name: 'gauntlet.seed', value: '0' }] }] },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
