/**
 * `kubectl debug POD --copy-to=NEW` typed in a session on the crashloop scenario (a distroless app):
 * the copy kubectl 1.33 creates (labels and probes dropped, process namespace shared, images
 * replaced), the shell that enters it, and kubectl's errors and help.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Session } from '../../../../session/session.ts';
import { load } from '../../../../../../tests/unit/garbage.ts';
import { findKubectl133 } from '../../../../../../tests/real-kubectl/compare.ts';

const LEGACY = '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n';
const NOTICE = 'If you don\'t see a command prompt, try pressing enter.\n';

function typed(s: Session, lines: string[]): string[] {
  return lines.map((l) => {
    let out = s.run(l).output;
    if (s.pendingMs !== undefined) out += s.tick(s.now).output;
    return out;
  });
}

describe('kubectl debug --copy-to', () => {
  it('copies a distroless pod with a busybox debugger that sees the app\'s processes (--share-processes)', () => {
    const s = Session.start(load('crashloop.yaml'));
    const pod = Object.values(s.state.pods).find((p) => p.metadata.name.startsWith('auth-service-') && p.status.containerStatuses?.[0]?.state?.running)!;
    const [made, ps, exit] = typed(s, [`kubectl debug ${pod.metadata.name} -n identity -it --copy-to=auth-debug --image=busybox`, 'ps', 'exit']);
    const copy = s.state.pods['identity/auth-debug'];
    const debugger_ = copy.spec.containers[1].name;
    expect(debugger_).toMatch(/^debugger-[a-z0-9]{5}$/);
    expect(made).toBe(`${LEGACY}Defaulting debug container name to ${debugger_}.\n${NOTICE}`);
    expect(ps).toMatch(/^PID   USER     TIME  COMMAND\n    1 65532     0:00 \/usr\/local\/bin\/auth-service\n +\d+ root      0:00 sh\n +\d+ root      0:00 ps\n$/);
    expect(exit).toBe(`Session ended, resume using 'kubectl attach auth-debug -c ${debugger_} -i -t' command when the pod is running\n`);
    expect(copy.metadata.labels).toBeUndefined();
    expect((copy.spec as { shareProcessNamespace?: boolean }).shareProcessNamespace).toBe(true);
    expect(copy.spec.containers.map((c) => [c.name, c.image, !!c.livenessProbe, !!c.readinessProbe, (c as { stdin?: boolean }).stdin, (c as { tty?: boolean }).tty])).toEqual([
      ['auth-service', pod.spec.containers[0].image, false, false, undefined, undefined], [debugger_, 'busybox', false, false, true, true],
    ]);
  });

  it('replaces images with --set-image, keeps labels with --keep-labels, deletes the original with --replace', () => {
    const s = Session.start(load('crashloop.yaml'));
    const pod = Object.values(s.state.pods).find((p) => p.metadata.name.startsWith('auth-service-'))!;
    const out = typed(s, [`kubectl debug ${pod.metadata.name} -n identity --copy-to=auth-sh --set-image=*=busybox --keep-labels --replace --profile=general`]);
    expect(out).toEqual(['']);
    const copy = s.state.pods['identity/auth-sh'];
    expect(copy.spec.containers.map((c) => c.image)).toEqual(['busybox']);
    expect(copy.metadata.labels).toEqual(pod.metadata.labels);
    expect(s.state.pods[`identity/${pod.metadata.name}`]?.metadata.deletionTimestamp ?? 'gone').toBeTruthy();
  });

  it('answers kubectl\'s errors: no image for a new container, a name already taken', () => {
    const s = Session.start(load('crashloop.yaml'));
    const pod = Object.values(s.state.pods).find((p) => p.metadata.name.startsWith('auth-service-'))!.metadata.name;
    const [noImage, newWithoutImage, taken] = typed(s, [`kubectl debug ${pod} -n identity --copy-to=x`, `kubectl debug ${pod} -n identity --copy-to=x -c new -- sh`, `kubectl debug ${pod} -n identity --copy-to=${pod} --image=busybox`]);
    // Validate refuses before its legacy-profile warning; the others fail after it.
    expect(noImage).toBe('error: you must specify --image, --set-image or command arguments.\n');
    expect(newWithoutImage).toBe(`${LEGACY}error: you must specify image when creating new container\n`);
    // The debug container is named before the server refuses the copy.
    expect(taken).toMatch(new RegExp(`^${LEGACY.replace(/[.=()"]/g, '\\$&')}Defaulting debug container name to debugger-[a-z0-9]{5}\\.\nError from server \\(AlreadyExists\\): pods "${pod}" already exists\n$`));
  });
});

const real = findKubectl133();
describe.skipIf(!real)(`kubectl debug --help${real ? '' : ' (skipped: no kubectl.1.33 beside kubectl)'}`, () => {
  it('prints the whole help of kubectl 1.33', () => {
    expect(typed(Session.start(load('crashloop.yaml')), ['kubectl debug --help'])[0]).toBe(spawnSync(real!, ['debug', '--help'], { encoding: 'utf8' }).stdout);
  });
});
