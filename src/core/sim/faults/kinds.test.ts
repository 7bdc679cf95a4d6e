import { describe, expect, it } from 'vitest';
import { faultKinds, findFaultKind } from './kinds.ts';
import { FAULT_STAGES } from './types.ts';

describe('the fault registry', () => {
  it('every kind declares exactly the stages it has hooks for, and a description for authors', () => {
    for (const k of faultKinds) {
      const hooks = FAULT_STAGES.filter((stage) => typeof (k as unknown as Record<string, unknown>)[stage] === 'function');
      expect({ kind: k.kind, stages: [...k.stages].sort() }).toEqual({ kind: k.kind, stages: [...hooks].sort() });
      expect(k.description).toMatch(/^[A-Z].*\.$/);
    }
  });

  it('finds kinds by name and lists them in name order, with no two alike', () => {
    const names = faultKinds.map((k) => k.kind);
    expect(names).toEqual([...new Set(names)].sort());
    expect(findFaultKind('image-pull')?.stages).toEqual(['pull']);
    expect(findFaultKind('cosmic-ray')).toBeUndefined();
  });
});
