import type { Container, Pod } from '../../model/k8s.ts';
import { describeContainers, describeVolumes, podFieldResolver } from './containers.ts';
import { describeEvents } from './events.ts';
import { parseQuantity } from '../../model/quantity.ts';
import type { Related } from './types.ts';
import { describeWith, printAnnotations, printLabels, printTolerations, rfc1123, since } from './writer.ts';

/**
 * `kubectl describe pod`, kubectl 1.33 layout: identity, node and start time, labels, status and
 * IPs, controller, the Containers block, conditions, volumes, QoS class, node selectors,
 * tolerations and the Events table. `related.events` are the pod's events (see eventsFor).
 */
export function describePod(pod: Pod, related: Related, now: number): string {
  return describeWith((w) => {
    const spec = pod.spec;
    const extra = spec as { priorityClassName?: string; runtimeClassName?: string; initContainers?: Container[] };
    const meta = pod.metadata as typeof pod.metadata & { deletionGracePeriodSeconds?: number };
    w.write(0, `Name:\t${pod.metadata.name}\n`);
    w.write(0, `Namespace:\t${pod.metadata.namespace ?? ''}\n`);
    if (spec.priority !== undefined && spec.priority !== null) w.write(0, `Priority:\t${spec.priority}\n`);
    if (extra.priorityClassName) w.write(0, `Priority Class Name:\t${extra.priorityClassName}\n`);
    if (extra.runtimeClassName) w.write(0, `Runtime Class Name:\t${extra.runtimeClassName}\n`);
    if (spec.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`);
    w.write(0, spec.nodeName ? `Node:\t${spec.nodeName}/${pod.status?.hostIP ?? ''}\n` : 'Node:\t<none>\n');
    if (pod.status?.startTime) w.write(0, `Start Time:\t${rfc1123(pod.status.startTime)}\n`);
    printLabels(w, 'Labels', pod.metadata.labels);
    printAnnotations(w, 'Annotations', pod.metadata.annotations);
    const phase = pod.status?.phase ?? '';
    if (pod.metadata.deletionTimestamp && phase !== 'Failed' && phase !== 'Succeeded') {
      w.write(0, `Status:\tTerminating (lasts ${since(pod.metadata.deletionTimestamp, now)})\n`);
      w.write(0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 30}s\n`);
    } else {
      w.write(0, `Status:\t${phase}\n`);
    }
    if (pod.status?.reason) w.write(0, `Reason:\t${pod.status.reason}\n`);
    if (pod.status?.message) w.write(0, `Message:\t${pod.status.message}\n`);
    // Pod-level seccomp profile (kubeadm's static control-plane pods set RuntimeDefault).
    const seccomp = (pod.spec.securityContext as { seccompProfile?: { type: string; localhostProfile?: string } } | undefined)?.seccompProfile;
    if (seccomp) {
      w.write(0, `SeccompProfile:\t${seccomp.type}\n`);
      if (seccomp.type === 'Localhost') w.write(0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
    }
    w.write(0, `IP:\t${pod.status?.podIP ?? ''}\n`);
    const ips = pod.status?.podIPs ?? [];
    if (!ips.length) w.write(0, 'IPs:\t<none>\n');
    else {
      w.write(0, 'IPs:\n');
      for (const ip of ips) w.write(1, `IP:\t${ip.ip}\n`);
    }
    const controller = (pod.metadata.ownerReferences ?? []).find((o) => o.controller);
    if (controller) w.write(0, `Controlled By:\t${controller.kind}/${controller.name}\n`);
    const nominated = (pod.status as { nominatedNodeName?: string } | undefined)?.nominatedNodeName;
    if (nominated) w.write(0, `NominatedNodeName:\t${nominated}\n`);
    const resolve = podFieldResolver(pod);
    if (extra.initContainers?.length) {
      const st = (pod.status as { initContainerStatuses?: Pod['status']['containerStatuses'] }).initContainerStatuses;
      describeContainers(w, 'Init Containers', extra.initContainers, st ?? [], resolve, '');
    }
    describeContainers(w, 'Containers', spec.containers ?? [], pod.status?.containerStatuses ?? [], resolve, '');
    if (spec.ephemeralContainers?.length) {
      describeContainers(w, 'Ephemeral Containers', spec.ephemeralContainers, pod.status?.ephemeralContainerStatuses ?? [], resolve, '');
    }
    const conditions = pod.status?.conditions ?? [];
    if (conditions.length) {
      w.write(0, 'Conditions:\n  Type\tStatus\n');
      for (const c of conditions) w.write(1, `${c.type} \t${c.status} \n`);
    }
    describeVolumes(w, spec.volumes, '');
    w.write(0, `QoS Class:\t${pod.status?.qosClass || podQOS(pod)}\n`);
    printLabels(w, 'Node-Selectors', spec.nodeSelector);
    printTolerations(w, 'Tolerations', spec.tolerations);
    if (related.events) describeEvents(w, related.events, now);
  });
}

/**
 * The pod's QoS class when status lacks it (kubelet's ComputePodQOS): BestEffort without any cpu
 * or memory request/limit, Guaranteed when every container limits both and requests equal limits,
 * else Burstable.
 */
export function podQOS(pod: Pod): 'BestEffort' | 'Burstable' | 'Guaranteed' {
  const containers = [...(pod.spec.containers ?? []), ...((pod.spec as { initContainers?: Container[] }).initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    for (const r of ['cpu', 'memory']) {
      const req = parseQuantity(c.resources?.requests?.[r]);
      const lim = parseQuantity(c.resources?.limits?.[r]);
      if ((req && req.milli !== 0n) || (lim && lim.milli !== 0n)) any = true;
      if (!lim || lim.milli === 0n) guaranteed = false;
      else if (req && req.milli !== lim.milli) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
