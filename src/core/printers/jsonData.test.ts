import { describe, expect, it } from 'vitest';
import { jsonData } from './jsonpath.ts';
import { toSortedJson } from './yaml.ts';

/** Data with everything a JSON round trip changes: undefined, non-finite numbers, functions, a Date, holes, a Map. */
function awkward(): Record<string, unknown> {
  const sparse: unknown[] = [1];
  sparse[3] = 'x';
  const withProto = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as unknown;
  return {
    b: 2, a: undefined, 10: 'ten', 2: 'two', nan: NaN, inf: -Infinity, f: () => 1,
    list: [undefined, () => 1, Infinity, { x: undefined, y: [null] }], sparse,
    when: new Date(Date.UTC(2024, 5, 12, 10, 27, 21)), map: new Map([['k', 'v']]), withProto,
    nested: Object.freeze({ spec: Object.freeze({ containers: Object.freeze([Object.freeze({ name: 'app', ports: undefined })]) }) }),
  };
}

describe('jsonData', () => {
  it('gives what JSON.parse(JSON.stringify(v)) gives, key order included', () => {
    const v = awkward();
    const got = jsonData(v);
    const want = JSON.parse(JSON.stringify(v)) as unknown;
    expect(got).toEqual(want);
    expect(JSON.stringify(got)).toBe(JSON.stringify(want));
    expect(Object.getPrototypeOf((got as { withProto: object }).withProto)).toBe(Object.prototype);
  });

  it('copies a frozen object once and shares the copy; an unfrozen one is copied each time', () => {
    const frozen = Object.freeze({ spec: Object.freeze({ nodeName: 'ip-10-42-3-208' }) });
    expect(jsonData({ pod: frozen })).toEqual({ pod: { spec: { nodeName: 'ip-10-42-3-208' } } });
    expect((jsonData({ pod: frozen }) as { pod: object }).pod).toBe((jsonData({ pod: frozen }) as { pod: object }).pod);
    const open = { spec: { nodeName: 'a' } };
    const first = jsonData(open);
    open.spec.nodeName = 'b';
    expect(first).toEqual({ spec: { nodeName: 'a' } });
    expect(jsonData(open)).toEqual({ spec: { nodeName: 'b' } });
  });
});

describe('toSortedJson', () => {
  it('sorts keys and drops undefined fields, sharing the copy of a frozen object but never of an open one', () => {
    const frozen = Object.freeze({ b: 1, a: Object.freeze([undefined, 2]) });
    expect(JSON.stringify(toSortedJson({ z: frozen, y: undefined, x: 0 }))).toBe('{"x":0,"z":{"a":[null,2],"b":1}}');
    expect(toSortedJson(frozen)).toBe(toSortedJson(frozen));
    const open: Record<string, number> = { b: 1 };
    expect(toSortedJson(open)).toEqual({ b: 1 });
    open.a = 2;
    expect(JSON.stringify(toSortedJson(open))).toBe('{"a":2,"b":1}');
  });
});
