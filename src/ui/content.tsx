/**
 * Rendering MDX prose (interviewer prompts, model answers) loaded on demand. The loader comes from
 * context so tests can supply fake content; the app supplies scenarios.ts's loadContent.
 */
import { createContext, useContext, useEffect, useState, type ComponentType } from 'react';
import { MDXProvider } from '@mdx-js/react';

export type ContentLoader = (path: string) => Promise<ComponentType>;

const ContentContext = createContext<ContentLoader>(() => Promise.reject(new Error('no content loader')));
export const ContentProvider = ContentContext.Provider;

/** Loads an MDX file's prose as Markdown text (for exports). */
export type ContentTextLoader = (path: string) => Promise<string>;
const ContentTextContext = createContext<ContentTextLoader>(() => Promise.reject(new Error('no content text loader')));
export const ContentTextProvider = ContentTextContext.Provider;
export const useContentText = () => useContext(ContentTextContext);

/** Components MDX elements render as: code blocks and inline code keep the terminal's font. */
const components = {
  pre: (props: React.ComponentProps<'pre'>) => <pre className="mdx-pre" {...props} />,
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
