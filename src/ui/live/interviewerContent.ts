/** Every MDX file under content/, model answers included: for interviewers' pages and shared reports only. */
import type { ComponentType } from 'react';

const all = import.meta.glob<{ default: ComponentType }>('/content/**/*.mdx');

export function loadAnyContent(path: string): Promise<ComponentType> {
  const load = all[`/content/${path}`];
  if (!load) return Promise.reject(new Error(`content/${path} not found`));
  return load().then((m) => m.default);
}
