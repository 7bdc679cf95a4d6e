import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import mdx from '@mdx-js/rollup';

/**
 * MDX must run before React's transform (see shared/TOOLCHAIN.md). @mdx-js/rollup drops the query
 * from ids, so it would also compile `file.mdx?raw` (the source text the Markdown export reads):
 * leave those to Vite's raw loader.
 */
function mdxExceptRaw(): Plugin {
  const plugin = mdx({ providerImportSource: '@mdx-js/react' }) as Plugin;
  const transform = plugin.transform as (this: unknown, code: string, id: string) => Promise<{ code: string } | undefined>;
  return {
    ...plugin,
    enforce: 'pre',
    transform(code, id) {
      return /[?&]raw\b/.test(id) ? null : transform.call(this, code, id);
    },
  };
}

export default defineConfig({
  plugins: [mdxExceptRaw(), react({ include: /\.(jsx|js|mdx|md|tsx|ts)$/ })],
  build: { target: 'es2022', chunkSizeWarningLimit: 800 },
});
