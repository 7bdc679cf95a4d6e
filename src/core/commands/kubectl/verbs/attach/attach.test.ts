/**
 * `kubectl attach` typed in a session on the crashloop scenario: kubectl 1.33's notices and errors,
 * a stream that Ctrl-C ends, a stream that ends when the attached process exits, and -it into a
 * shell container. --help compared with the real binary.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Session } from '../../../../session/session.ts';
import { load } from '../../../../../../tests/unit/garbage.ts';
import { findKubectl133 } from '../../../../../../tests/real-kubectl/compare.ts';

const PROMPT_HINT = "If you don't see a command prompt, try pressing enter.\n";

describe('kubectl attach', () => {
  it('streams the running process until Ctrl-C, after kubectl\'s notices', () => {
    const s = Session.start(load('crashloop.yaml'));
    const pod = Object.values(s.state.pods).find((p) => p.metadata.namespace === 'data')!.metadata.name;
    const r = s.run(`kubectl attach ${pod} -n data -it`);
    expect(r.output).toBe(`error: Unable to use a TTY - container redis-master did not allocate one\n${PROMPT_HINT}`);
    expect(r.following).toBe(true);
    expect(s.tick(s.now + 30_000).output).toBe('');
    expect(s.interrupt().output).toBe('^C\n');
    expect(s.following).toBe(false);
  });

  it('ends by itself when the attached process exits, having printed what it wrote meanwhile', () => {
    const s = Session.start(load('crashloop.yaml'));
    const running = () => Object.values(s.state.pods).find((p) => p.metadata.name.startsWith('user-directory-') && (p.status.containerStatuses?.[0]?.restartCount ?? 0) > 0 && p.status.containerStatuses?.[0]?.state?.running);
    let pod = running();
    for (let i = 0; !pod && i < 900; i++) { s.tick(s.now + 1000); pod = running(); }
    const node = pod!.spec.nodeName!;
    const process = s.state.hosts[node].containers.find((c) => c.podUid === pod!.metadata.uid && c.state === 'CONTAINER_RUNNING')!;
    const at = s.now;
    const r = s.run(`kubectl attach ${pod!.metadata.name} -n identity`);
    expect(r.output).toBe(PROMPT_HINT);
    let out = '';
    for (let i = 0; s.following && i < 900; i++) out += s.tick(s.now + 1000).output;
    expect(s.following).toBe(false);
    const written = s.state.hosts[node].containers.find((c) => c.id === process.id)!.logs.filter((l) => l.at > at).map((l) => `${l.text}\n`).join('');
    expect(written).not.toBe('');
    expect(out).toBe(written);
  });

  it('answers kubectl 1.33\'s errors', () => {
    const s = Session.start(load('crashloop.yaml'));
    const pod = Object.values(s.state.pods).find((p) => p.metadata.namespace === 'data')!.metadata.name;
    const out = ['kubectl attach', 'kubectl attach a b c', 'kubectl attach nope -n data', `kubectl attach ${pod} -n data -c zz`, 'kubectl attach deploy/nope -n data'].map((l) => s.run(l).output);
    expect(out).toEqual([
      'error: at least 1 argument is required for attach\n',
      'error: expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw 3: [a b c]\n',
      'Error from server (NotFound): pods "nope" not found\n',
      `error: cannot attach to the container: container zz not found in pod ${pod}\n`,
      'Error from server (NotFound): deployments.apps "nope" not found\n',
    ]);
  });

  it('takes -it into a shell container started with stdin and a TTY', () => {
    const s = Session.start(load('crashloop.yaml'));
    s.run('kubectl run shell --image=busybox --stdin --tty -- sh');
    expect(s.run('exit').output).toBe("Session ended, resume using 'kubectl attach shell -c shell -i -t' command when the pod is running\n");
    const r = s.run('kubectl attach shell -it');
    expect(r.output).toBe(PROMPT_HINT);
    expect(s.prompt()).toBe('/ # ');
    expect(s.run('hostname').output).toBe('shell\n');
  });
});

const real = findKubectl133();
describe.skipIf(!real)(`kubectl attach --help${real ? '' : ' (skipped: no kubectl.1.33 beside kubectl)'}`, () => {
  it('prints the whole help of kubectl 1.33', () => {
    expect(Session.start(load('crashloop.yaml')).run('kubectl attach --help').output).toBe(spawnSync(real!, ['attach', '--help'], { encoding: 'utf8' }).stdout);
  });
});
