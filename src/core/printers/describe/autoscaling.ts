import type { HorizontalPodAutoscaler, HpaScalingRules } from '../../kinds/horizontalpodautoscaler.ts';
import { describeEvents } from './events.ts';
import type { Related } from './types.ts';
import { describeWith, printAnnotations, printLabels, rfc1123, type PrefixWriter } from './writer.ts';

/** One direction of `Behavior:` (Scale Up / Scale Down), as kubectl 1.33 prints it. */
function describeRules(w: PrefixWriter, title: string, rules: HpaScalingRules | undefined): void {
  if (!rules) return;
  w.write(1, `${title}:\n`);
  if (rules.stabilizationWindowSeconds !== undefined) w.write(2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
  if (rules.selectPolicy) w.write(2, `Select Policy: ${rules.selectPolicy}\n`);
  if (rules.policies?.length) {
    w.write(2, 'Policies:\n');
    for (const p of rules.policies) w.write(3, `- Type: ${p.type}\tValue: ${p.value}\tPeriod: ${p.periodSeconds} seconds\n`);
  }
}

/**
 * `kubectl describe hpa` (autoscaling/v2), as kubectl 1.33 prints it: the metrics as
 * `( current / target )` lines (`<unknown>` until the controller reads one), the behavior when the
 * object sets one, the target's pods current and desired, the conditions with their messages, the
 * events.
 */
export function describeHorizontalPodAutoscaler(h: HorizontalPodAutoscaler, related: Related, now: number): string {
  return describeWith((w) => {
    const ref = h.spec.scaleTargetRef;
    w.write(0, `Name:\t${h.metadata.name}\n`);
    w.write(0, `Namespace:\t${h.metadata.namespace ?? ''}\n`);
    printLabels(w, 'Labels', h.metadata.labels);
    printAnnotations(w, 'Annotations', h.metadata.annotations);
    w.write(0, `CreationTimestamp:\t${rfc1123(h.metadata.creationTimestamp)}\n`);
    w.write(0, `Reference:\t${ref.kind}/${ref.name}\n`);
    w.write(0, 'Metrics:\t( current / target )\n');
    const statuses = h.status?.currentMetrics ?? [];
    (h.spec.metrics ?? []).forEach((m, i) => {
      const current = statuses[i]?.resource?.current;
      const t = m.resource.target;
      if (t.type === 'AverageValue') {
        w.write(1, `resource ${m.resource.name} on pods:\t${current?.averageValue ?? '<unknown>'} / ${t.averageValue}\n`);
        return;
      }
      const reading = current?.averageUtilization === undefined ? '<unknown>' : `${current.averageUtilization}% (${current.averageValue ?? '0'})`;
      w.write(1, `resource ${m.resource.name} on pods  (as a percentage of request):\t${reading} / ${t.averageUtilization}%\n`);
    });
    w.write(0, `Min replicas:\t${h.spec.minReplicas ?? '<unset>'}\n`);
    w.write(0, `Max replicas:\t${h.spec.maxReplicas}\n`);
    if (h.spec.behavior) {
      w.write(0, 'Behavior:\n');
      describeRules(w, 'Scale Up', h.spec.behavior.scaleUp);
      describeRules(w, 'Scale Down', h.spec.behavior.scaleDown);
    }
    w.write(0, `${ref.kind} pods:\t${h.status?.currentReplicas ?? 0} current / ${h.status?.desiredReplicas ?? 0} desired\n`);
    const conditions = h.status?.conditions ?? [];
    if (conditions.length) {
      w.write(0, 'Conditions:\n');
      w.write(1, 'Type\tStatus\tReason\tMessage\n');
      w.write(1, '----\t------\t------\t-------\n');
      for (const c of conditions) w.write(1, `${c.type}\t${c.status}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
    }
    if (related.events) describeEvents(w, related.events, now);
  });
}
