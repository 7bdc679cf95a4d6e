import type { KubeObject } from '../../../../model/k8s.ts';
import { parseCron } from '../../../../sim/cron.ts';
import type { KubectlVerb } from '../../verb.ts';
import { fail, GENERATOR_FLAGS, generatorStart } from './output.ts';
import { generatedTemplate } from './job.ts';
import { sendCreate } from './send.ts';

/**
 * `kubectl create cronjob NAME --image=IMAGE --schedule='*\/5 * * * *' [--restart=OnFailure|Never] [-- COMMAND …]`
 * (kubectl 1.33 create_cronjob.go): a CronJob whose job template runs one container named NAME
 * (restartPolicy OnFailure unless --restart says otherwise). The API server refuses a schedule
 * robfig/cron cannot parse: `The CronJob "x" is invalid: spec.schedule: Invalid value: …`.
 * Prints `cronjob.batch/NAME created`.
 */
export const createCronJob: KubectlVerb = {
  name: 'cronjob',
  aliases: ['cj'],
  short: 'Create a cron job with the specified name',
  long: 'Create a cron job with the specified name.',
  examples: '# Create a cron job\nkubectl create cronjob my-job --image=busybox --schedule="*/1 * * * *"\n\n# Create a cron job with a command\nkubectl create cronjob my-job --image=busybox --schedule="*/1 * * * *" -- date',
  usage: "kubectl create cronjob NAME --image=image --schedule='0/5 * * * ?' -- [COMMAND] [args...] [flags] [options]",
  flags: [
    ...GENERATOR_FLAGS,
    { name: 'image', type: 'string', help: 'Image name to run.' },
    { name: 'schedule', type: 'string', help: 'A schedule in the Cron format the job should be run with.' },
    { name: 'restart', type: 'string', help: "job's restart policy. supported values: OnFailure, Never" },
  ],
  run(inv, ctx) {
    const start = generatorStart(inv);
    if (!start.ok) return start.result;
    const { name, opts } = start;
    const image = String(inv.flags.values.image ?? '');
    const schedule = String(inv.flags.values.schedule ?? '');
    const restart = String(inv.flags.values.restart ?? '') || 'OnFailure';
    if (image === '') return fail('error: --image must be specified\n');
    if (schedule === '') return fail('error: --schedule must be specified\n');
    const request = {
      kind: 'CronJob', apiVersion: 'batch/v1', metadata: { name, creationTimestamp: null },
      spec: { jobTemplate: { metadata: { creationTimestamp: null, name }, spec: { template: generatedTemplate(name, image, inv.flags.afterDashDash, restart) } }, schedule },
      status: {},
    };
    return sendCreate(inv, ctx, opts, request as unknown as KubeObject, { validate: () => {
      const parsed = parseCron(schedule);
      if (typeof parsed === 'string') return `CronJob.batch "${name}" is invalid: spec.schedule: Invalid value: "${schedule}": ${parsed}`;
      if (restart !== 'OnFailure' && restart !== 'Never') return `CronJob.batch "${name}" is invalid: spec.jobTemplate.spec.template.spec.restartPolicy: Unsupported value: "${restart}": supported values: "OnFailure", "Never"`;
      return undefined;
    } });
  },
};
