import { defineConfig } from 'vite';
import { mdxSourcePlugin } from './build/mdxSourcePlugin.ts';
import react from '@vitejs/plugin-react';
import mdx from '@mdx-js/rollup';

// MDX must run before React's transform (see shared/TOOLCHAIN.md).
export default defineConfig({
  plugins: [
    mdxSourcePlugin(), // MDX source text for the Markdown export (before the MDX compiler sees it)
    { enforce: 'pre', ...mdx({ providerImportSource: '@mdx-js/react' }) },
    react({ include: /\.(jsx|js|mdx|md|tsx|ts)$/ }),
  ],
  build: { target: 'es2022', chunkSizeWarningLimit: 800 },
});
