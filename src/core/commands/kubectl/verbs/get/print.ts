import type { KubeObject } from '../../../../model/k8s.ts';
import { ageColumn, nameColumn } from '../../../../kinds/common.ts';
import type { ClusterState } from '../../../../model/state.ts';
import { printCustomColumns } from '../../../../printers/customColumns.ts';
import { executeJsonPath, jsonData } from '../../../../printers/jsonpath.ts';
import type { OutputFormat } from '../../../../printers/output.ts';
import { renderTable } from '../../../../printers/table.ts';
import { printJson, printYaml } from '../../../../printers/yaml.ts';
import { apiVersionOf, qualifiedSingular } from '../../../../kinds/registry.ts';
import type { KindDef } from '../../../../kinds/types.ts';

/** Options of kubectl's human-readable printer. */
export interface TableOptions {
  wide: boolean;
  withNamespace: boolean;
  /** Prefix names with `type/` (several types requested, or --show-kind). */
  withKind: boolean;
  showLabels: boolean;
  labelColumns: string[];
  noHeaders: boolean;
  /** The cluster the cells may read (and its clock, `state.now`). */
  state: ClusterState;
}

const labelsText = (l: Record<string, string> | undefined) => {
  const keys = Object.keys(l ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${l![k]}`).join(',') : '<none>';
};

/** One table for one type, as `kubectl get` prints it (server-side columns, 3-space tabwriter). */
export function printTable(type: KindDef, objects: readonly KubeObject[], o: TableOptions): string {
  // Kinds whose server sends no table print NAME and AGE, as kubectl does.
  const defs = type.columns ?? [nameColumn, ageColumn];
  const cols = o.wide ? defs : defs.filter((c) => !c.wide);
  const headers = [
    ...(o.withNamespace && type.namespaced ? ['NAMESPACE'] : []),
    ...cols.map((c) => c.name),
    ...o.labelColumns.map((k) => k.slice(k.lastIndexOf('/') + 1).toUpperCase()),
    ...(o.showLabels ? ['LABELS'] : []),
  ];
  // Plain pushes, not spreads: a row per object of ten thousand.
  const withNamespace = o.withNamespace && type.namespaced;
  const rows = objects.map((obj) => {
    const row: string[] = [];
    if (withNamespace) row.push(obj.metadata.namespace ?? '');
    for (const c of cols) {
      const v = c.cell(obj, o.state, o.state.now);
      row.push(o.withKind && c.name === 'NAME' && c === cols[0] ? `${qualifiedSingular(type)}/${v}` : v);
    }
    for (const k of o.labelColumns) row.push(obj.metadata.labels && Object.hasOwn(obj.metadata.labels, k) ? obj.metadata.labels[k] : '');
    if (o.showLabels) row.push(labelsText(obj.metadata.labels));
    return row;
  });
  return renderTable(headers, rows, o.noHeaders);
}

/** The API object as kubectl prints it with -o yaml/json (apiVersion and kind filled in). */
function wire(type: KindDef, o: KubeObject): KubeObject {
  return { ...o, apiVersion: o.apiVersion || apiVersionOf(type), kind: o.kind || type.kind };
}

/** kubectl's `kind: List` wrapper for several objects. */
export function asList(items: readonly unknown[]): unknown {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}

/**
 * The non-table formats (yaml, json, name, jsonpath, custom-columns) for all found objects.
 * `single` prints the one object itself instead of a List (one type, one name asked for).
 */
export function printGeneric(format: OutputFormat, found: readonly { type: KindDef; objects: readonly KubeObject[] }[], single: boolean, noHeaders: boolean): string {
  const all = found.flatMap((g) => g.objects.map((o) => wire(g.type, o)));
  const data = single && all.length === 1 ? all[0] : asList(all);
  switch (format.kind) {
    case 'yaml': return printYaml(data);
    case 'json': return printJson(data);
    case 'name': return found.flatMap((g) => g.objects.map((o) => `${qualifiedSingular(g.type)}/${o.metadata.name}\n`)).join('');
    case 'jsonpath': return executeJsonPath(format.template, jsonData(data as object));
    case 'custom-columns': return printCustomColumns(format.columns, all, noHeaders);
    default: return '';
  }
}
