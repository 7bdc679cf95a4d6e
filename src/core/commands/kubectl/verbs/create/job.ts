import type { KubeObject } from '../../../../model/k8s.ts';
import type { Job } from '../../../../kinds/job.ts';
import type { CronJob } from '../../../../kinds/cronjob.ts';
import { getObject, qualifiedPlural, resolveKind } from '../../../../kinds/registry.ts';
import type { KubectlVerb } from '../../verb.ts';
import { fail, GENERATOR_FLAGS, generatorStart } from './output.ts';
import { sendCreate } from './send.ts';

/** The pod template kubectl's job and cronjob generators write: one container named after the object. */
export const generatedTemplate = (name: string, image: string, command: string[] | undefined, restartPolicy: string) => ({
  metadata: { creationTimestamp: null },
  spec: { containers: [{ name, image, ...(command?.length ? { command } : {}), resources: {} }], restartPolicy },
});

/** The Job `--from=cronjob/NAME` makes (createJobFromCronJob): the template's spec, labels and annotations, owned (not controlled) by the CronJob. */
function jobFromCronJob(name: string, cj: CronJob): Job {
  const t = cj.spec.jobTemplate;
  return {
    apiVersion: 'batch/v1', kind: 'Job',
    metadata: {
      name, creationTimestamp: null as unknown as string, uid: '',
      ...(t.metadata?.labels ? { labels: { ...t.metadata.labels } } : {}),
      annotations: { 'cronjob.kubernetes.io/instantiate': 'manual', ...(t.metadata?.annotations ?? {}) },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata.name, uid: cj.metadata.uid }],
    },
    spec: JSON.parse(JSON.stringify(t.spec)),
    status: {},
  };
}

/**
 * `kubectl create job NAME --image=IMAGE [-- COMMAND …]` or `--from=cronjob/NAME` (kubectl 1.33
 * create_job.go): a Job of one container named NAME with restartPolicy Never, or a manual run of a
 * CronJob's template (annotation `cronjob.kubernetes.io/instantiate: manual`). Prints
 * `job.batch/NAME created`.
 */
export const createJob: KubectlVerb = {
  name: 'job',
  short: 'Create a job with the specified name',
  long: 'Create a job with the specified name.',
  examples: '# Create a job\nkubectl create job my-job --image=busybox\n\n# Create a job with a command\nkubectl create job my-job --image=busybox -- date\n\n# Create a job from a cron job named "a-cronjob"\nkubectl create job test-job --from=cronjob/a-cronjob',
  usage: 'kubectl create job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...] [options]',
  flags: [
    ...GENERATOR_FLAGS,
    { name: 'image', type: 'string', help: 'Image name to run.' },
    { name: 'from', type: 'string', help: 'The name of the resource to create a Job from (only cronjob is supported).' },
  ],
  run(inv, ctx) {
    const start = generatorStart(inv);
    if (!start.ok) return start.result;
    const { name, opts } = start;
    const image = String(inv.flags.values.image ?? '');
    const from = String(inv.flags.values.from ?? '');
    const command = inv.flags.afterDashDash;
    if ((image === '') === (from === '')) return fail('error: either --image or --from must be specified\n');
    if (command?.length && from !== '') return fail('error: cannot specify --from and command\n');
    if (image !== '') {
      const request = { kind: 'Job', apiVersion: 'batch/v1', metadata: { name, creationTimestamp: null }, spec: { template: generatedTemplate(name, image, command, 'Never') }, status: {} };
      return sendCreate(inv, ctx, opts, request as unknown as KubeObject);
    }
    const slash = from.indexOf('/');
    const type = resolveKind(slash < 0 ? from : from.slice(0, slash));
    if (!type) return fail(`error: the server doesn't have a resource type "${slash < 0 ? from : from.slice(0, slash)}"\n`);
    if (slash < 0) return fail('error: from must be an existing cronjob\n');
    const source = getObject(ctx.state, type, inv.namespace, from.slice(slash + 1));
    if (!source) return fail(`Error from server (NotFound): ${qualifiedPlural(type)} "${from.slice(slash + 1)}" not found\n`);
    if (type.kind !== 'CronJob') return fail(`error: unknown object type *v1.${type.kind}\n`);
    return sendCreate(inv, ctx, opts, jobFromCronJob(name, source as CronJob));
  },
};
