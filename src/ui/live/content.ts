/**
 * MDX loaders for live pages. The candidate's loader knows only the round prompts: the model
 * answers (`*-model.mdx`) are not in its map, so nothing a candidate's page runs can fetch them.
 * The interviewers' loader (in interviewerContent.ts, a chunk only their page imports) knows all.
 */
import type { ComponentType } from 'react';

const prompts = import.meta.glob<{ default: ComponentType }>(['/content/**/*.mdx', '!/content/**/*-model.mdx']);

/** A round prompt's component (path under content/); rejects for anything else. */
export function loadPrompt(path: string): Promise<ComponentType> {
  const load = prompts[`/content/${path}`];
  if (!load) return Promise.reject(new Error(`content/${path} not found`));
  return load().then((m) => m.default);
}
