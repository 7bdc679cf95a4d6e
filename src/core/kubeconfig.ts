import { parse } from 'yaml';
import type { ClusterState } from './model/state.ts';
import { hashString, hex, seeded } from './sim/rng.ts';
import { encodeBase64 } from './base64.ts';

/** Where the learner's kubeconfig lives on the laptop (`$HOME/.kube/config`). */
export const KUBECONFIG_PATH = '/home/learner/.kube/config';

/** One named entry of a kubeconfig list (clusters, contexts, users), as clientcmd's v1 types hold it. */
export interface Named<T> { name: string; [field: string]: unknown; cluster?: T; context?: T; user?: T }

/** A kubeconfig file (clientcmd api/v1 Config), as `kubectl config view --raw` prints it. */
export interface Kubeconfig {
  apiVersion: string;
  kind: string;
  clusters: { name: string; cluster: Record<string, unknown> }[];
  contexts: { name: string; context: { cluster?: string; user?: string; namespace?: string } & Record<string, unknown> }[];
  'current-context': string;
  preferences: Record<string, unknown>;
  users: { name: string; user: Record<string, unknown> }[];
}

/**
 * The address kubectl reaches the API server at: the control plane's endpoint when the scenario
 * runs one (kubeadm), else a managed endpoint as EKS names them (`https://<32 hex>.gr7.<region>.eks.amazonaws.com`)
 * seeded from the cluster's name, so it is stable across sessions.
 */
export function apiServerURL(state: ClusterState): string {
  if (state.etcd) return state.etcd.apiServerURL;
  const region = Object.values(state.nodes).map((n) => n.metadata.labels?.['topology.kubernetes.io/region']).find((r) => r);
  return `https://${hex(seeded(`${state.clusterName}/endpoint`), 32).toUpperCase()}.gr7.${region ?? 'us-east-1'}.eks.amazonaws.com`;
}

/** A PEM block's first bytes, base64'd as a kubeconfig embeds certificates (`*-data`). */
const pemData = (label: string, seed: string) => encodeBase64(`-----BEGIN ${label}-----\nMII${(hashString(seed) >>> 0).toString(36).toUpperCase()}\n-----END ${label}-----\n`);

/** The kubeconfig the learner starts with: one cluster, one admin user, one context named after the cluster. */
export function defaultKubeconfig(state: ClusterState): Kubeconfig {
  const name = state.clusterName;
  const user = `${name}-admin`;
  return {
    apiVersion: 'v1', kind: 'Config',
    clusters: [{ name, cluster: { 'certificate-authority-data': pemData('CERTIFICATE', `${name}/ca`), server: apiServerURL(state) } }],
    contexts: [{ name, context: { cluster: name, user } }],
    'current-context': name,
    preferences: {},
    users: [{ name: user, user: { 'client-certificate-data': pemData('CERTIFICATE', `${name}/admin`), 'client-key-data': pemData('RSA PRIVATE KEY', `${name}/admin-key`) } }],
  };
}

/** The last kubeconfig text parsed and what YAML made of it (never handed out: callers get a copy). */
let lastParse: { text: string; result: { value: unknown } | { error: string } } | undefined;

/**
 * The YAML value of `text`, or the parser's first error line. Every kubectl command reads the
 * kubeconfig, and parsing it was half the cost of a `kubectl get`; the file rarely changes, so
 * the last parse is kept.
 */
function parseYamlOnce(text: string): { value: unknown } | { error: string } {
  if (lastParse?.text !== text) {
    let result: { value: unknown } | { error: string };
    try {
      result = { value: parse(text) };
    } catch (e) {
      result = { error: e instanceof Error ? e.message.split('\n')[0] : String(e) };
    }
    lastParse = { text, result };
  }
  return lastParse.result;
}

/** A deep copy of parsed YAML data (objects, arrays, scalars), own keys kept as data even `__proto__`. */
function copyData(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map(copyData);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) Object.defineProperty(out, k, { value: copyData((v as Record<string, unknown>)[k]), enumerable: true, writable: true, configurable: true });
  return out;
}

/**
 * The kubeconfig as the file on the laptop holds it (`undefined` text: the file is gone, so the
 * default one applies, as a fresh laptop would have it). A file that does not parse as a
 * kubeconfig yields `{ error }` with client-go's wording for kubectl to print.
 */
export function parseKubeconfig(text: string | undefined, state: ClusterState): { config: Kubeconfig } | { error: string } {
  if (text === undefined) return { config: defaultKubeconfig(state) };
  const parsed = parseYamlOnce(text);
  if ('error' in parsed) return { error: `error loading config file "${KUBECONFIG_PATH}": ${parsed.error}` };
  let raw = copyData(parsed.value);
  if (raw === null || raw === undefined) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) return { error: `error loading config file "${KUBECONFIG_PATH}": couldn't get version/kind; json parse error: json: cannot unmarshal string into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }` };
  const r = raw as Record<string, unknown>;
  const list = <T>(v: unknown): T[] => (Array.isArray(v) ? v.filter((x) => x && typeof x === 'object') as T[] : []);
  return {
    config: {
      apiVersion: typeof r.apiVersion === 'string' ? r.apiVersion : 'v1', kind: typeof r.kind === 'string' ? r.kind : 'Config',
      clusters: list(r.clusters), contexts: list(r.contexts), users: list(r.users),
      'current-context': typeof r['current-context'] === 'string' ? r['current-context'] : '',
      preferences: r.preferences && typeof r.preferences === 'object' ? r.preferences as Record<string, unknown> : {},
    },
  };
}

/** The current context's entry, if the config names one that exists. */
export function currentContextOf(cfg: Kubeconfig): Kubeconfig['contexts'][number] | undefined {
  return cfg.contexts.find((c) => c.name === cfg['current-context']);
}

/** The namespace kubectl uses without `-n`: the current context's, else `default`. */
export function contextNamespace(cfg: Kubeconfig): string {
  const ns = currentContextOf(cfg)?.context?.namespace;
  return typeof ns === 'string' && ns !== '' ? ns : 'default';
}
