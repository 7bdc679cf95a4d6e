import * as registry from './registry.ts';
import type { FaultKind } from './types.ts';

/** Every fault kind in faults/registry.ts, ordered by kind name (the order scenario errors list them in). */
export const faultKinds: readonly FaultKind<any>[] = (Object.values(registry) as FaultKind<any>[]).sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));

/** The fault kind a scenario's `kind:` names, or undefined. */
export function findFaultKind(kind: string): FaultKind<any> | undefined {
  return faultKinds.find((f) => f.kind === kind);
}
