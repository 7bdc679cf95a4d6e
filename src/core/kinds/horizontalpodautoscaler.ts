import type { Condition, KubeObject } from '../model/k8s.ts';
import { describeHorizontalPodAutoscaler } from '../printers/describe/autoscaling.ts';
import { ageColumn, col, eventsOnly, nameColumn, objectTable, RW } from './common.ts';
import type { KindDef } from './types.ts';

/** autoscaling/v2 MetricTarget: a percentage of the pods' requests, or an average quantity per pod. */
export interface MetricTarget {
  type: 'Utilization' | 'AverageValue';
  averageUtilization?: number;
  averageValue?: string;
}

/** A Resource metric (cpu or memory across the target's pods), the kind the simulator computes. */
export interface HpaMetricSpec {
  type: 'Resource';
  resource: { name: 'cpu' | 'memory'; target: MetricTarget };
}

/**
 * What the controller last read for one metric: `averageUtilization` in %, `averageValue` a
 * quantity. A metric it could not read is Go's zero value, `{ type: '' }`.
 */
export interface HpaMetricStatus {
  type: 'Resource' | '';
  resource?: { name: string; current: { averageUtilization?: number; averageValue?: string } };
}

/** HPAScalingRules: a stabilization window (s) and rate policies (Pods or Percent per period, s). */
export interface HpaScalingRules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: 'Max' | 'Min' | 'Disabled';
  policies?: { type: 'Pods' | 'Percent'; value: number; periodSeconds: number }[];
}

/** autoscaling/v2 HorizontalPodAutoscaler. */
export interface HorizontalPodAutoscaler extends KubeObject {
  kind: 'HorizontalPodAutoscaler';
  spec: {
    scaleTargetRef: { apiVersion: string; kind: string; name: string };
    minReplicas?: number;
    maxReplicas: number;
    metrics?: HpaMetricSpec[];
    behavior?: { scaleUp?: HpaScalingRules; scaleDown?: HpaScalingRules };
  };
  status?: {
    currentReplicas?: number;
    desiredReplicas?: number;
    lastScaleTime?: string;
    currentMetrics?: HpaMetricStatus[] | null;
    conditions?: Condition[];
  };
}

/** How many metrics TARGETS shows before `+ N more...`. */
const SHOWN_METRICS = 2;

/**
 * TARGETS as kube-apiserver's table convertor prints it (1.30+): `cpu: 95%/60%`, `cpu: <unknown>/60%`
 * before the controller has read the metric, `memory: 300Mi/500Mi` for an average value, at most
 * two metrics then `+ N more...`, `<none>` without metrics.
 */
export function hpaTargets(h: HorizontalPodAutoscaler): string {
  const specs = h.spec.metrics ?? [];
  if (!specs.length) return '<none>';
  const statuses = h.status?.currentMetrics ?? [];
  const list = specs.map((s, i) => {
    const current = statuses[i]?.resource?.current;
    const t = s.resource.target;
    if (t.type === 'AverageValue') return `${s.resource.name}: ${current?.averageValue ?? '<unknown>'}/${t.averageValue}`;
    const now = current?.averageUtilization === undefined ? '<unknown>' : `${current.averageUtilization}%`;
    return `${s.resource.name}: ${now}/${t.averageUtilization === undefined ? '<auto>' : `${t.averageUtilization}%`}`;
  });
  const shown = list.slice(0, SHOWN_METRICS).join(', ');
  return list.length > SHOWN_METRICS ? `${shown} + ${list.length - SHOWN_METRICS} more...` : shown;
}

/** autoscaling/v2 HorizontalPodAutoscaler: its controller is sim/hpa.ts (a 15 s sync, not a reconcile). */
export const horizontalPodAutoscaler: KindDef<HorizontalPodAutoscaler> = {
  kind: 'HorizontalPodAutoscaler', plural: 'horizontalpodautoscalers', singular: 'horizontalpodautoscaler', shortNames: ['hpa'], categories: ['all'], group: 'autoscaling', version: 'v2', namespaced: true, verbs: RW,
  table: objectTable<HorizontalPodAutoscaler>('horizontalpodautoscalers'),
  columns: [
    nameColumn,
    col<HorizontalPodAutoscaler>('REFERENCE', (h) => `${h.spec.scaleTargetRef.kind}/${h.spec.scaleTargetRef.name}`),
    col<HorizontalPodAutoscaler>('TARGETS', hpaTargets),
    col<HorizontalPodAutoscaler>('MINPODS', (h) => (h.spec.minReplicas === undefined ? '<unset>' : String(h.spec.minReplicas))),
    col<HorizontalPodAutoscaler>('MAXPODS', (h) => String(h.spec.maxReplicas)),
    col<HorizontalPodAutoscaler>('REPLICAS', (h) => String(h.status?.currentReplicas ?? 0)),
    ageColumn,
  ],
  related: eventsOnly,
  describe: describeHorizontalPodAutoscaler,
  writable: { patch: true, delete: true },
  // The API server's defaults for autoscaling/v2: one replica at least, and a CPU target of 80 % when none is given.
  admit(h) {
    h.spec.minReplicas ??= 1;
    h.spec.metrics ??= [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
    h.status ??= { currentReplicas: 0, desiredReplicas: 0, currentMetrics: null };
    // A behavior that sets one direction gets the API server's defaults for the rest (SetDefaults_HorizontalPodAutoscalerBehavior).
    if (h.spec.behavior) {
      const up = (h.spec.behavior.scaleUp ??= {});
      up.stabilizationWindowSeconds ??= 0;
      up.selectPolicy ??= 'Max';
      up.policies ??= [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }];
      const down = (h.spec.behavior.scaleDown ??= {});
      down.selectPolicy ??= 'Max';
      down.policies ??= [{ type: 'Percent', value: 100, periodSeconds: 15 }];
    }
  },
};
