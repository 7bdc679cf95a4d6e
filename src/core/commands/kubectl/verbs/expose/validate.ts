import type { Service } from '../../../../model/k8s.ts';

const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PORT_RANGE = 'must be between 1 and 65535, inclusive';

/**
 * The API server's checks on a new Service that a hand-typed `kubectl expose` trips (ValidateService,
 * 1.33), each as `field: Invalid value: …` in its words: the name a DNS-1035 label, a known type,
 * ports and numeric target ports within 1-65535, a named target port an IANA service name.
 */
export function serviceErrors(svc: Service): string[] {
  const errs: string[] = [];
  const name = svc.metadata.name;
  if (name.length > 63) errs.push(`metadata.name: Invalid value: "${name}": must be no more than 63 characters`);
  if (!DNS1035.test(name)) errs.push(`metadata.name: Invalid value: "${name}": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`);
  const spec = svc.spec as Service['spec'] & { externalName?: string };
  if (spec.type !== undefined && !TYPES.includes(spec.type)) errs.push(`spec.type: Unsupported value: "${spec.type}": supported values: ${TYPES.map((t) => `"${t}"`).join(', ')}`);
  if ((spec.type as string) === 'ExternalName' && !spec.externalName) errs.push('spec.externalName: Required value');
  (spec.ports ?? []).forEach((p, i) => {
    if (p.port < 1 || p.port > 65535) errs.push(`spec.ports[${i}].port: Invalid value: ${p.port}: ${PORT_RANGE}`);
    if (!['TCP', 'UDP', 'SCTP'].includes(p.protocol)) errs.push(`spec.ports[${i}].protocol: Unsupported value: "${p.protocol}": supported values: "SCTP", "TCP", "UDP"`);
    const t = p.targetPort;
    if (typeof t === 'number' && (t < 1 || t > 65535)) errs.push(`spec.ports[${i}].targetPort: Invalid value: ${t}: ${PORT_RANGE}`);
    if (typeof t === 'string' && !/^(?=.*[a-z])[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/.test(t)) errs.push(`spec.ports[${i}].targetPort: Invalid value: "${t}": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)`);
  });
  return errs;
}
