/**
 * The only importer of `jq-web`, loaded on demand by engine.ts. Its CommonJS export is a promise;
 * importing it statically here (not `import('jq-web')`) keeps the dynamic import's namespace from
 * being a thenable, which some loaders' interop (vitest's) would try to resolve.
 */
import ready from 'jq-web';

export const jqWeb = ready;
