import { decodedLength } from '../../base64.ts';
import type { ConfigMap, Secret, Service } from '../../model/k8s.ts';
import { describeEvents } from './events.ts';
import type { Related } from './types.ts';
import { byteCompare, describeWith, printAnnotations, printLabels } from './writer.ts';

const sortedKeys = (m: Record<string, string> | undefined) => Object.keys(m ?? {}).sort(byteCompare);

/**
 * `kubectl describe configmap`, kubectl 1.33 (describeConfigMap): every key with its value in
 * full under a `----` rule, an empty BinaryData section, then the events. Keys sorted (kubectl
 * ranges over a Go map; sorted is what a reader of the output expects and what tests can pin).
 */
export function describeConfigMap(cm: ConfigMap, related: Related, now: number): string {
  return describeWith((w) => {
    w.write(0, `Name:\t${cm.metadata.name}\n`);
    w.write(0, `Namespace:\t${cm.metadata.namespace ?? ''}\n`);
    printLabels(w, 'Labels', cm.metadata.labels);
    printAnnotations(w, 'Annotations', cm.metadata.annotations);
    w.write(0, '\nData\n====\n');
    for (const k of sortedKeys(cm.data)) {
      w.write(0, `${k}:\n----\n`);
      w.write(0, `${cm.data![k]}\n`);
      w.write(0, '\n');
    }
    w.write(0, '\nBinaryData\n====\n');
    w.write(0, '\n');
    if (related.events) describeEvents(w, related.events, now);
  });
}

/**
 * `kubectl describe secret`, kubectl 1.33 (describeSecret): values are never printed, only their
 * decoded size (`DB_PASSWORD:  24 bytes`); no events section.
 */
export function describeSecret(s: Secret): string {
  return describeWith((w) => {
    w.write(0, `Name:\t${s.metadata.name}\n`);
    w.write(0, `Namespace:\t${s.metadata.namespace ?? ''}\n`);
    printLabels(w, 'Labels', s.metadata.labels);
    printAnnotations(w, 'Annotations', s.metadata.annotations);
    w.write(0, `\nType:\t${s.type}\n`);
    w.write(0, '\nData\n====\n');
    for (const k of sortedKeys(s.data)) w.write(0, `${k}:\t${decodedLength(s.data![k])} bytes\n`);
  });
}

/**
 * `kubectl describe service`, kubectl 1.33 (describeService) for a ClusterIP Service. Its
 * EndpointSlice (as the controller writes it) holds every selected pod with an IP (`related.pods`,
 * in that order), ready or not; a Service without a selector has none (`<none>`).
 */
export function describeService(svc: Service, related: Related, now: number): string {
  const sel = svc.spec.selector ?? {};
  const keys = Object.keys(sel);
  const slice = keys.length === 0 ? undefined : (related.pods ?? [])
    .filter((p) => keys.every((k) => p.metadata.labels?.[k] === sel[k]) && p.status.podIP)
    .map((p) => ({ ip: p.status.podIP!, ready: p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false }));
  return describeWith((w) => {
    w.write(0, `Name:\t${svc.metadata.name}\n`);
    w.write(0, `Namespace:\t${svc.metadata.namespace ?? ''}\n`);
    printLabels(w, 'Labels', svc.metadata.labels);
    printAnnotations(w, 'Annotations', svc.metadata.annotations);
    // labels.FormatLabels: `<none>` for a Service without a selector.
    w.write(0, `Selector:\t${keys.length ? [...keys].sort(byteCompare).map((k) => `${k}=${sel[k]}`).join(',') : '<none>'}\n`);
    w.write(0, `Type:\t${svc.spec.type}\n`);
    w.write(0, `IP Family Policy:\t${svc.spec.ipFamilyPolicy ?? 'SingleStack'}\n`);
    w.write(0, `IP Families:\t${(svc.spec.ipFamilies ?? ['IPv4']).join(',')}\n`);
    w.write(0, `IP:\t${svc.spec.clusterIP}\n`);
    w.write(0, `IPs:\t${(svc.spec.clusterIPs ?? [svc.spec.clusterIP]).join(',')}\n`);
    for (const p of svc.spec.ports ?? []) {
      w.write(0, `Port:\t${p.name || '<unset>'}\t${p.port}/${p.protocol}\n`);
      w.write(0, `TargetPort:\t${p.targetPort ?? p.port}/${p.protocol}\n`);
      const nodePort = (p as { nodePort?: number }).nodePort;
      if (nodePort) w.write(0, `NodePort:\t${p.name || '<unset>'}\t${nodePort}/${p.protocol}\n`);
      w.write(0, `Endpoints:\t${slice ? endpointsLine(slice, Number(p.targetPort ?? p.port)) : '<none>'}\n`);
    }
    w.write(0, `Session Affinity:\t${svc.spec.sessionAffinity ?? 'None'}\n`);
    const external = (svc.spec as { externalTrafficPolicy?: string }).externalTrafficPolicy;
    if (external) w.write(0, `External Traffic Policy:\t${external}\n`);
    w.write(0, `Internal Traffic Policy:\t${svc.spec.internalTrafficPolicy ?? 'Cluster'}\n`);
    if (related.events) describeEvents(w, related.events, now);
  });
}

/**
 * The Endpoints cell as kubectl 1.33's formatEndpointSlices writes it: the first three ready
 * `ip:port`, then ` + N more...` once any further endpoint (even an unready one) follows, where N
 * counts only the ready ones beyond three — so 3 ready then 1 unready prints ` + 0 more...`.
 */
export function endpointsLine(endpoints: readonly { ip: string; ready: boolean }[], port: number): string {
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const e of endpoints) {
    if (list.length === 3) more = true;
    if (!e.ready) continue;
    if (!more) list.push(`${e.ip}:${port}`);
    count++;
  }
  return more ? `${list.join(',')} + ${count - 3} more...` : list.join(',');
}
