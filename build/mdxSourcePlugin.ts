/**
 * `import text from '/content/x.mdx?source'` (or an import.meta.glob with `query: '?source'`): an MDX
 * file's source text, for the report's Markdown export. @mdx-js/rollup drops queries from ids and
 * would compile `x.mdx?raw` as MDX, so these ids are resolved to a name it does not claim.
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

const PREFIX = '\0mdx-source:';
const SUFFIX = '.mdx-source'; // no extension the MDX compiler, React or Vite's asset loader claims

export function mdxSourcePlugin(): Plugin {
  return {
    name: 'gauntlet:mdx-source',
    enforce: 'pre',
    async resolveId(id, importer) {
      if (!id.endsWith('.mdx?source')) return null;
      const file = await this.resolve(id.slice(0, -'?source'.length), importer, { skipSelf: true });
      return file ? `${PREFIX}${file.id}${SUFFIX}` : null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = id.slice(PREFIX.length, -SUFFIX.length);
      this.addWatchFile(file);
      return `export default ${JSON.stringify(readFileSync(file, 'utf8'))};`;
    },
  };
}
