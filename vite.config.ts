import { defineConfig } from 'vite';
import { mdxSourcePlugin } from './build/mdxSourcePlugin.ts';
import react from '@vitejs/plugin-react';
import mdx from '@mdx-js/rollup';
import { fileURLToPath } from 'node:url';
import { scenariosPlugin } from './build/scenariosPlugin.ts';

// MDX must run before React's transform (see shared/TOOLCHAIN.md).
export default defineConfig({
  plugins: [
    mdxSourcePlugin(), // MDX source text for the Markdown export (before the MDX compiler sees it)
    { enforce: 'pre', ...mdx({ providerImportSource: '@mdx-js/react' }) },
    react({ include: /\.(jsx|js|mdx|md|tsx|ts)$/ }),
    scenariosPlugin(fileURLToPath(new URL('./scenarios', import.meta.url))),
  ],
  build: { target: 'es2022', chunkSizeWarningLimit: 800 },
  // The replay worker (src/ui/replay/worker.ts) is a module worker, so its lazy parts (the grader's
  // model, jq) stay separate chunks fetched only when a replay needs them.
  worker: { format: 'es' },
});
