/**
 * The UI slice: state that belongs to the screen, not to the session (answer drafts per round).
 * Drafts are saved with the session record (persistence.ts) but are not inputs: replay never reads them.
 */
import type { StateCreator } from 'zustand';
import type { AppState } from '../store.ts';

export interface UiSlice {
  /** Answer text being written, keyed `<scenario>/<round>`. */
  drafts: Record<string, string>;
  setDraft(key: string, text: string): void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  drafts: {},
  setDraft: (key, text) => set((st) => ({ drafts: { ...st.drafts, [key]: text } })),
});
