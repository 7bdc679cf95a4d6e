/**
 * Rendering MDX prose (interviewer prompts, model answers) loaded on demand. The loader comes from
 * context so tests can supply fake content; the app supplies scenarios.ts's loadContent.
 *
 * Prose follows the attempt's variant: the prose is written against the scenario file's names, and
 * a RenameProvider (the variant's `rename`, core/scenario/variants.ts) rewrites every text the MDX
 * renders, and the Markdown exports, so no prompt or model answer names a node the cluster lacks.
 */
import { Children, createContext, createElement, useContext, useEffect, useMemo, useState, type ComponentType, type ReactNode } from 'react';
import { MDXProvider } from '@mdx-js/react';

export type ContentLoader = (path: string) => Promise<ComponentType>;

const ContentContext = createContext<ContentLoader>(() => Promise.reject(new Error('no content loader')));
export const ContentProvider = ContentContext.Provider;

/** Loads an MDX file's prose as Markdown text (for exports). */
export type ContentTextLoader = (path: string) => Promise<string>;
const ContentTextContext = createContext<ContentTextLoader>(() => Promise.reject(new Error('no content text loader')));
export const ContentTextProvider = ContentTextContext.Provider;

/** A rewrite of prose written against the scenario file's names (identity: the file as written). */
export type Rename = (text: string) => string;
const same: Rename = (t) => t;
const RenameContext = createContext<Rename>(same);
/** Supplies the variant's rename to the MDX and Markdown below it (see the file's note). */
export const RenameProvider = RenameContext.Provider;
export const useRename = () => useContext(RenameContext);

/** The Markdown loader, its text renamed for the variant being shown. */
export function useContentText(): ContentTextLoader {
  const load = useContext(ContentTextContext);
  const rename = useRename();
  return useMemo(() => (rename === same ? load : (path: string) => load(path).then(rename)), [load, rename]);
}

/** The element's direct text children through the variant's rename (nested elements rename their own). */
function renamed(tag: string, className?: string) {
  return function Renamed(props: { children?: ReactNode }) {
    const rename = useRename();
    const children = rename === same ? props.children : Children.map(props.children, (c) => (typeof c === 'string' ? rename(c) : c));
    return createElement(tag, { ...(className ? { className } : {}), ...props }, children);
  };
}

// Every element MDX renders text in. Code blocks and inline code keep the terminal's font (.mdx-pre).
const TEXT_TAGS = ['p', 'li', 'code', 'td', 'th', 'strong', 'em', 'del', 'a', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'];
const components = {
  ...Object.fromEntries(TEXT_TAGS.map((t) => [t, renamed(t)])),
  pre: renamed('pre', 'mdx-pre'),
};

// Loaded components by loader and path, so revisiting a round renders at once without a flash.
const cache = new WeakMap<ContentLoader, Map<string, ComponentType>>();

/** Renders the MDX file at `path` (under content/), with a loading line and an error note. */
export function MdxContent({ path }: { path: string }) {
  const load = useContext(ContentContext);
  const cached = cache.get(load)?.get(path);
  const [state, setState] = useState<{ path: string; Comp?: ComponentType; error?: string }>({ path, Comp: cached });
  useEffect(() => {
    if (cache.get(load)?.get(path)) return;
    let alive = true;
    load(path).then(
      (Comp) => {
        if (!cache.has(load)) cache.set(load, new Map());
        cache.get(load)!.set(path, Comp);
        if (alive) setState({ path, Comp });
      },
      (e: unknown) => alive && setState({ path, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      alive = false;
    };
  }, [load, path]);
  const Comp = cached ?? (state.path === path ? state.Comp : undefined);
  if (state.path === path && state.error) return <p className="muted">Could not load {path}.</p>;
  if (!Comp) return <p className="muted" aria-busy="true">Loading…</p>;
  return (
    <MDXProvider components={components}>
      <div className="mdx">
        <Comp />
      </div>
    </MDXProvider>
  );
}
