import type { KubeObject } from '../../../../model/k8s.ts';
import type { HorizontalPodAutoscaler } from '../../../../kinds/horizontalpodautoscaler.ts';
import type { CommandResult } from '../../../types.ts';
import type { KubectlVerb } from '../../verb.ts';
import { apiVersionOf, getObject, qualifiedPlural, resolveKind } from '../../../../kinds/registry.ts';
import { resourceTargets } from '../../targets.ts';
import { fail, printOptions, type PrintOptions } from '../create/output.ts';
import { printJson, printYaml } from '../../../../printers/yaml.ts';
import { executeJsonPath } from '../../../../printers/jsonpath.ts';
import { AUTOSCALE_EXAMPLES, AUTOSCALE_FLAGS, AUTOSCALE_LONG, AUTOSCALE_USAGE } from './help.ts';

/** Kinds with a scale subresource, which an HPA can target. */
const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet']);

/** What autoscale prints: `created (dry run)` for a client dry run (kubectl's own choice of word), else `autoscaled`. */
function printAutoscaled(opts: PrintOptions, hpa: KubeObject): string {
  const ref = `horizontalpodautoscaler.autoscaling/${hpa.metadata.name}`;
  const f = opts.format;
  if (!f) return opts.dryRun === 'client' ? `${ref} created (dry run)\n` : `${ref} autoscaled${opts.dryRun === 'server' ? ' (server dry run)' : ''}\n`;
  switch (f.kind) {
    case 'name': return `${ref}\n`;
    case 'yaml': return printYaml(hpa);
    case 'json': return printJson(hpa);
    case 'jsonpath': return executeJsonPath(f.template, JSON.parse(JSON.stringify(hpa)));
    default: return `${ref} autoscaled\n`;
  }
}

/**
 * `kubectl autoscale (TYPE NAME | TYPE/NAME) [--min=N] --max=N [--cpu-percent=P] [--name=NAME]`
 * (kubectl 1.33 pkg/cmd/autoscale): an autoscaling/v2 HorizontalPodAutoscaler for a Deployment,
 * ReplicaSet or StatefulSet, which sim/hpa.ts then drives; the API server's defaults (min 1, CPU at
 * 80 %) are the kind's `admit`. Prints `horizontalpodautoscaler.autoscaling/NAME autoscaled`.
 */
export const autoscale: KubectlVerb = {
  name: 'autoscale',
  short: 'Auto-scale a deployment, replica set, stateful set, or replication controller',
  long: AUTOSCALE_LONG,
  examples: AUTOSCALE_EXAMPLES,
  usage: AUTOSCALE_USAGE,
  flags: AUTOSCALE_FLAGS,
  run(inv, ctx): CommandResult {
    const v = inv.flags.values;
    if (!inv.flags.given.has('max')) return fail('error: required flag(s) "max" not set\n');
    const p = printOptions(inv);
    if (!p.ok) return p.result;
    const max = Number(v.max);
    const min = Number(v.min);
    const cpu = Number(v['cpu-percent']);
    if (max < 1) return fail(`error: --max=MAXPODS is required and must be at least 1, max: ${max}\n`);
    if (max < min) return fail(`error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}\n`);
    const found = resourceTargets(inv, ctx, 'autoscale');
    if (!found.ok) return found.result;
    const hpaDef = resolveKind('horizontalpodautoscalers')!;
    let stdout = '';
    for (const { type, name: n, namespace } of found.targets) {
      if (!SCALABLE.has(type.kind)) {
        return { stdout, stderr: `error: cannot autoscale a ${type.kind}: could not find scale subresource for ${type.group}/${type.version}, Resource=${type.plural} in discovery information\n`, exitCode: 1 };
      }
      const name = String(v.name || n);
      const hpa = {
        apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler',
        metadata: { creationTimestamp: null, name },
        spec: {
          maxReplicas: max,
          ...(cpu > 0 ? { metrics: [{ resource: { name: 'cpu', target: { averageUtilization: cpu, type: 'Utilization' } }, type: 'Resource' }] } : {}),
          ...(min > 0 ? { minReplicas: min } : {}),
          scaleTargetRef: { apiVersion: apiVersionOf(type), kind: type.kind, name: n },
        },
        status: { currentMetrics: null, desiredReplicas: 0 },
      } as unknown as HorizontalPodAutoscaler;
      if (p.opts.dryRun === 'client') { stdout += printAutoscaled(p.opts, hpa); continue; }
      if (getObject(ctx.state, hpaDef, namespace, name)) {
        return { stdout, stderr: `Error from server (AlreadyExists): horizontalpodautoscalers.autoscaling "${name}" already exists\n`, exitCode: 1 };
      }
      const { creationTimestamp: _c, ...metadata } = hpa.metadata as HorizontalPodAutoscaler['metadata'] & { creationTimestamp: unknown };
      const sent = { ...hpa, metadata: { ...metadata, namespace: namespace } } as HorizontalPodAutoscaler;
      delete (sent as { status?: unknown }).status;
      if (p.opts.dryRun === 'server') { stdout += printAutoscaled(p.opts, sent); continue; }
      ctx.dispatch({ type: 'object/create', object: sent });
      stdout += printAutoscaled(p.opts, getObject(ctx.state, hpaDef, namespace, name) ?? sent);
    }
    if (found.notFound) return { stdout, stderr: found.notFound, exitCode: 1 };
    return { stdout, stderr: '', exitCode: 0 };
  },
};
