import type { Pod } from '../../../../model/k8s.ts';

/**
 * What kubectl 1.33 prints once an interactive attach ends (AttachOptions.reattachMessage, used by
 * `attach`, `debug` and `debug --copy-to`): nothing with `--quiet`, without `-i` and a terminal
 * (`-t`), or when the pod does not restart its containers (restartPolicy other than Always);
 * otherwise how to attach again, worded for an ephemeral container or a regular one.
 */
export function reattachMessage(pod: Pod, container: string, opts: { quiet: boolean; stdin: boolean; tty: boolean }): string {
  if (opts.quiet || !opts.stdin || !opts.tty || (pod.spec.restartPolicy ?? 'Always') !== 'Always') return '';
  const again = `'kubectl attach ${pod.metadata.name} -c ${container} -i -t'`;
  if ((pod.spec.ephemeralContainers ?? []).some((c) => c.name === container)) {
    return `Session ended, the ephemeral container will not be restarted but may be reattached using ${again} if it is still running\n`;
  }
  return `Session ended, resume using ${again} command when the pod is running\n`;
}
