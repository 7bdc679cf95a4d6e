import { describe, expect, it } from 'vitest';
import { printJson, printYaml } from './yaml.ts';
import { executeJsonPath, parseJsonPath } from './jsonpath.ts';
import { parseOutputFormat } from './output.ts';
import { tabwrite } from './table.ts';
import { parseCustomColumns, printCustomColumns } from './customColumns.ts';

describe('printYaml (go-yaml v2 style)', () => {
  it('quotes like kubectl and sorts keys', () => {
    expect(printYaml({ z: 'True', a: '1', m: "x: y", t: '2024-06-12T07:18:00Z', e: '', nil: null, o: {}, l: [], s: '25%', d: '-XX:Max', q: "it's", v: '3.8.0', f: 0.5 })).toBe([
      'a: "1"', 'd: -XX:Max', 'e: ""', 'f: 0.5', 'l: []', "m: 'x: y'", 'nil: null', 'o: {}', "q: it's", 's: 25%', 't: "2024-06-12T07:18:00Z"', 'v: 3.8.0', 'z: "True"', '',
    ].join('\n'));
  });

  it('nests lists of maps and multi-line strings (YAML 1.1 bools such as y stay quoted)', () => {
    expect(printYaml({ items: [{ b: 1, a: [{ x: 'y' }] }, 'plain'], text: 'line one\nline two\n' })).toBe(
      'items:\n- a:\n  - x: "y"\n  b: 1\n- plain\ntext: |\n  line one\n  line two\n');
  });
});

describe('printJson', () => {
  it('indents by 4, sorts keys and escapes HTML like Go', () => {
    expect(printJson({ b: '<a&b>', a: [1] })).toBe('{\n    "a": [\n        1\n    ],\n    "b": "\\u003ca\\u0026b\\u003e"\n}\n');
  });
});

describe('jsonpath', () => {
  const data = { items: [{ name: 'a', n: 1, c: [{ type: 'Ready', status: 'True' }] }, { name: 'b', n: 2, c: [{ type: 'Ready', status: 'False' }] }] };
  it.each([
    ['{.items[*].name}', 'a b'],
    ['{range .items[*]}{.name}={.n}{"\\n"}{end}', 'a=1\nb=2\n'],
    ['{.items[?(@.n>1)].name}', 'b'],
    ['{.items[*].c[?(@.type=="Ready")].status}', 'True False'],
    ['{.items[0]}', '{"c":[{"status":"True","type":"Ready"}],"n":1,"name":"a"}'],
    ['{.missing.key}', ''],
    ['names: {.items[1:].name}', 'names: b'],
    ["{.items[?(@.name=='a')].n}", '1'],
  ])('%s', (tpl, out) => {
    expect(executeJsonPath(parseJsonPath(tpl), data)).toBe(out);
  });

  it('prints maps as Go\'s json.Marshal does: keys sorted at every depth, <, > and & escaped (kubectl 1.33 on a ConfigMap)', () => {
    const cm = { metadata: { name: 'cfg', labels: { zeta: '1', alpha: '2' } }, data: { b: '1<&>', a: '2' } };
    expect(executeJsonPath(parseJsonPath('{.data} {.data.b} {.metadata}'), cm)).toBe(
      '{"a":"2","b":"1\\u003c\\u0026\\u003e"} 1<&> {"labels":{"alpha":"2","zeta":"1"},"name":"cfg"}');
  });

  it('reports template errors in kubectl words', () => {
    expect(parseOutputFormat('jsonpath={.items[*]')).toEqual({ ok: false, error: 'error parsing jsonpath {.items[*], unclosed action' });
    expect(parseOutputFormat('jsonpath={range .items[*]}{.x}')).toEqual({ ok: false, error: 'error parsing jsonpath {range .items[*]}{.x}, unclosed range' });
    expect(parseOutputFormat('jsonpath=')).toEqual({ ok: false, error: 'template format specified but no template given' });
  });
});

describe('tabwrite', () => {
  it('pads every column but the last to the widest cell plus three, minimum six', () => {
    expect(tabwrite([['A', 'LONGER', 'x'], ['abcd', 'y', 'last']])).toBe('A      LONGER   x\nabcd   y        last\n');
  });
});

describe('custom-columns', () => {
  it('prints maps and lists as Go\'s %v does (kubectl 1.33 on the same ConfigMap: map[alpha:2 zeta:1])', () => {
    const parsed = parseCustomColumns('L:.metadata.labels,D:.data,P:.ports,N:.metadata.name');
    if (!parsed.ok) throw new Error(parsed.error);
    const cm = { metadata: { name: 'cfg', labels: { zeta: '1', alpha: '2' } }, data: { b: '1<&>', a: '2' }, ports: [{ protocol: 'TCP', containerPort: 6379 }] };
    expect(printCustomColumns(parsed.columns, [cm])).toBe(
      'L                     D                 P                                        N\n' +
      'map[alpha:2 zeta:1]   map[a:2 b:1<&>]   [map[containerPort:6379 protocol:TCP]]   cfg\n');
  });
});
