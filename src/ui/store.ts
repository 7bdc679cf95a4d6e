/**
 * The app's one zustand store, built from slices (session, ui) with middleware only here at the
 * root (persistence of each scenario's input log and drafts). `createAppStore` makes a fresh store, so tests get
 * a clean one each time; the app provides its store to components through StoreProvider.
 */
import { createContext, createElement, useContext, type ReactNode } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import { createSessionSlice, type SessionDeps, type SessionSlice } from './state/sessionSlice.ts';
import { createUiSlice, type UiSlice } from './state/uiSlice.ts';
import { persistSessions } from './state/persistence.ts';

export type AppState = SessionSlice & UiSlice;
export type AppStore = StoreApi<AppState>;

/** Creates a store; `deps.records` are the browser's (IndexedDB) or memory ones in tests. */
export function createAppStore(deps: SessionDeps): AppStore {
  return createStore<AppState>()(
    persistSessions(deps.records, (...a) => ({
      ...createSessionSlice(deps)(...a),
      ...createUiSlice(...a),
    }), deps.wallNow),
  );
}

const StoreContext = createContext<AppStore | null>(null);

export function StoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return createElement(StoreContext.Provider, { value: store }, children);
}

/** The store itself, for actions and for code outside React rendering. */
export function useAppStoreApi(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore needs a <StoreProvider>');
  return store;
}

/** Selects from the store and re-renders when the selected value changes. */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(useAppStoreApi(), selector);
}
