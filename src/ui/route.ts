/**
 * URL-based routing with search params only: `/` (home), `?view=progress` (past attempts),
 * `?scenario=<id>` (play), `?scenario=<id>&view=report` (report) and
 * `?scenario=<id>&view=report&attempt=<attempt id>` (an earlier attempt's report) and
 * `?scenario=<id>&view=interviewer` (the interviewer's view with the rubric), and for authors
 * `?scenario=<id>&preview=<N>` (a fresh run at round N, the rounds before it answered by the
 * reference solution) and `&debug` (the rubric debugger beside the terminal). The location itself is
 * wouter's (History API), so Back works and a reload lands on the same screen; this file only says
 * what the search params mean.
 */
import { navigate as go, useSearch } from 'wouter/use-browser-location';

export type View = 'report' | 'interviewer' | 'progress';
const VIEWS: readonly View[] = ['report', 'interviewer', 'progress'];

export interface Route {
  scenario?: string;
  view?: View;
  /** With view=report: an earlier finished attempt's id (see state/attempts.ts). */
  attempt?: string;
  /** Authors' preview: start a fresh run at this round (1-based), earlier rounds played by the reference solution. */
  preview?: number;
  /** Authors' rubric debugger beside the terminal (set by preview, kept across reloads). */
  debug?: boolean;
}

export function parseRoute(search: string): Route {
  const params = new URLSearchParams(search);
  const scenario = params.get('scenario') || undefined;
  const view = VIEWS.find((v) => v === params.get('view'));
  const attempt = (view === 'report' && params.get('attempt')) || undefined;
  const n = Number(params.get('preview'));
  const preview = scenario && !view && Number.isInteger(n) && n >= 1 ? n : undefined;
  const debug = !!scenario && !view && (params.has('debug') || preview !== undefined);
  return { scenario, view, attempt, ...(preview ? { preview } : {}), ...(debug ? { debug } : {}) };
}

/** The URL (search string, or the bare path for home) for a route. */
export function routeHref(route: Route): string {
  const params = new URLSearchParams();
  if (route.scenario) params.set('scenario', route.scenario);
  if (route.view) params.set('view', route.view);
  if (route.attempt) params.set('attempt', route.attempt);
  if (route.preview) params.set('preview', String(route.preview));
  if (route.debug) params.set('debug', '');
  const s = params.toString();
  return s ? `?${s}` : location.pathname;
}

/** The current route; re-renders on navigation. */
export function useRoute(): Route {
  return parseRoute(useSearch());
}

/** Goes to a route, adding a history entry (or replacing the current one), and scrolls to the top. */
export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  go(routeHref(route), options);
  window.scrollTo?.(0, 0);
}
