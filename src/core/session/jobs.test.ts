/**
 * Background jobs as an interactive bash 5.2 shows them (formats checked against bash run under
 * `script` on this machine): `[N] PID`, `jobs`, Done/Exit/Terminated notices before the prompt,
 * fg/bg/kill/wait and their errors; jobs that keep streaming on the virtual clock; replay exact.
 */
import { describe, expect, it } from 'vitest';
import { Session } from './session.ts';
import { coalesceTicks } from './coalesce.ts';
import { load } from '../../../tests/unit/garbage.ts';

/** The screen as a terminal shows it: each prompt, the line typed, and what came after it. */
const screen = (s: Session) => s.transcript.map((e) => `${e.prompt}${e.line}\n${e.output}`).join('');

function play(scenario: string, lines: string[]): Session {
  const s = Session.start(load(scenario));
  for (const l of lines) s.run(l);
  return s;
}

describe('background jobs', () => {
  it('start with [N] PID, list with jobs, and are reported before the prompt once they end', () => {
    const s = play('crashloop.yaml', ['sleep 100 &', 'sleep 1 &', 'jobs', 'sleep 2', 'echo hi', 'kill %1', 'jobs', 'echo $!']);
    expect(screen(s)).toBe(
      'learner@laptop:~$ sleep 100 &\n[1] 4100\n' +
      'learner@laptop:~$ sleep 1 &\n[2] 4103\n' +
      'learner@laptop:~$ jobs\n[1]-  Running                 sleep 100 &\n[2]+  Running                 sleep 1 &\n' +
      'learner@laptop:~$ sleep 2\n[2]+  Done                    sleep 1\n' +
      'learner@laptop:~$ echo hi\nhi\n' +
      'learner@laptop:~$ kill %1\n[1]+  Terminated              sleep 100\n' +
      'learner@laptop:~$ jobs\n' +
      'learner@laptop:~$ echo $!\n4103\n',
    );
  });

  it('answer bash\'s errors for jobs and PIDs that do not exist', () => {
    const s = play('crashloop.yaml', ['kill 99999; kill %5; fg %7; bg; wait %1; echo $?', 'kill', 'kill -FOO %1', 'kill -l 9 TERM', 'kill 1']);
    expect(screen(s)).toBe(
      'learner@laptop:~$ kill 99999; kill %5; fg %7; bg; wait %1; echo $?\n' +
      'bash: kill: (99999) - No such process\nbash: kill: %5: no such job\nbash: fg: %7: no such job\nbash: bg: current: no such job\nbash: wait: %1: no such job\n127\n' +
      'learner@laptop:~$ kill\nkill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n' +
      'learner@laptop:~$ kill -FOO %1\nbash: kill: FOO: invalid signal specification\n' +
      'learner@laptop:~$ kill -l 9 TERM\nKILL\n15\n' +
      'learner@laptop:~$ kill 1\nbash: kill: (1) - Operation not permitted\n',
    );
  });

  it('report a failed job after the next line, a killed one through wait with 143, and a held output when its time comes', () => {
    const s = play('crashloop.yaml', ['false &', 'true', 'sleep 30 &', 'bg', 'kill -9 %1; wait %1; echo $?', '(sleep 5; echo late) &']);
    expect(s.tick(s.now + 6000)).toEqual({ output: 'late\n', following: false });
    s.run('true');
    expect(screen(s)).toBe(
      'learner@laptop:~$ false &\n[1] 4100\n' +
      'learner@laptop:~$ true\n[1]+  Exit 1                  false\n' +
      'learner@laptop:~$ sleep 30 &\n[1] 4103\n' +
      'learner@laptop:~$ bg\nbash: bg: job 1 already in background\n' +
      'learner@laptop:~$ kill -9 %1; wait %1; echo $?\n[1]+  Killed                  sleep 30\n137\n' +
      'learner@laptop:~$ (sleep 5; echo late) &\n[1] 4106\nlate\n' +
      'learner@laptop:~$ true\n[1]+  Done                    (sleep 5; echo late)\n',
    );
  });

  it('wait follows on the clock until its job ends; Ctrl-C ends the wait, not the job; fg brings a job back', () => {
    const s = play('crashloop.yaml', ['sleep 20 &', 'wait']);
    expect(s.following).toBe(true);
    expect(s.tick(s.now + 10_000)).toEqual({ output: '', following: true });
    expect(s.tick(s.now + 11_000)).toEqual({ output: '[1]+  Done                    sleep 20\n', following: false });
    s.run('sleep 20 &');
    s.run('wait %1');
    expect(s.interrupt().output).toBe('^C\n');
    s.run('fg');
    expect(s.tick(s.now + 30_000).following).toBe(false);
    expect(screen(s).split('\n').slice(-7).join('\n')).toBe(
      'learner@laptop:~$ sleep 20 &\n[1] 4103\nlearner@laptop:~$ wait %1\n^C\nlearner@laptop:~$ fg\nsleep 20\n',
    );
  });

  it('a streaming job prints at the prompt as the cluster moves, and replays exactly from coalesced ticks', () => {
    const s = play('networkpolicy.yaml', ['kubectl get pods -n checkout -w &', 'kubectl -n checkout delete pod order-service-6755555f96-5c5fs --wait=false']);
    const t0 = s.now;
    let streamed = '';
    for (let t = t0 + 250; t <= t0 + 20_000; t += 250) streamed += s.tick(t).output;
    expect(s.jobsRunning).toBe(true);
    expect(streamed).toMatch(/^order-service-6755555f96-5c5fs {3}1\/1 {3}Terminating {3}0 {5}64d$/m);
    expect(streamed).toMatch(/^order-service-6755555f96-[a-z0-9]{5} {3}1\/1 {3}Running {3}0 {5}\ds$/m);
    const replayed = Session.replay(load('networkpolicy.yaml'), coalesceTicks(s.inputs));
    expect(screen(replayed)).toBe(screen(s));
  });
});

describe('the laptop\'s curl through background port-forward and proxy', () => {
  it('reaches the Service\'s pod through the tunnel, which logs each connection; nothing listens after kill', () => {
    const s = play('networkpolicy.yaml', [
      'curl localhost:8080/healthz',
      'kubectl -n checkout port-forward svc/order-service 8080:8080 &',
      'curl -s localhost:8080/healthz; echo',
      'curl -s -o /dev/null -w "%{http_code}\\n" localhost:8080/nope',
      'kill %1',
      'curl -s localhost:8080/healthz; echo $?',
    ]);
    expect(screen(s)).toBe(
      'learner@laptop:~$ curl localhost:8080/healthz\ncurl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn\'t connect to server\n' +
      'learner@laptop:~$ kubectl -n checkout port-forward svc/order-service 8080:8080 &\n[1] 4100\nForwarding from 127.0.0.1:8080 -> 8080\nForwarding from [::1]:8080 -> 8080\n' +
      'learner@laptop:~$ curl -s localhost:8080/healthz; echo\nHandling connection for 8080\nok\n' +
      'learner@laptop:~$ curl -s -o /dev/null -w "%{http_code}\\n" localhost:8080/nope\nHandling connection for 8080\n404\n' +
      'learner@laptop:~$ kill %1\n[1]+  Terminated              kubectl -n checkout port-forward svc/order-service 8080:8080\n' +
      'learner@laptop:~$ curl -s localhost:8080/healthz; echo $?\n7\n',
    );
  });

  it('a port nothing in the pod listens on: kubectl\'s portforward.go error and curl\'s empty reply', () => {
    const s = play('networkpolicy.yaml', ['kubectl -n checkout port-forward pod/order-service-6755555f96-5c5fs 9091:9999 &', 'curl localhost:9091/; echo $?']);
    const out = s.transcript[1].output.split('\n');
    expect(out[0]).toBe('Handling connection for 9091');
    expect(out[1]).toMatch(/^E\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ portforward\.go:424\] "Unhandled Error" err="an error occurred forwarding 9091 -> 9999: error forwarding port 9999 to pod [0-9a-f]{64}, uid : failed to execute portforward in network namespace \\"\/var\/run\/netns\/cni-[0-9a-f-]+\\": failed to connect to localhost:9999 inside namespace \\"[0-9a-f]{64}\\", IPv4: dial tcp4 127\.0\.0\.1:9999: connect: connection refused IPv6 dial tcp6 \[::1\]:9999: connect: connection refused "$/);
    expect(out.slice(2)).toEqual(['curl: (52) Empty reply from server', '52', '']);
  });

  it('kubectl proxy serves the API as JSON indented for curl; get --raw prints it compact', () => {
    const s = play('crashloop.yaml', ['kubectl proxy &', 'curl -s localhost:8001/api/v1/namespaces/default/pods/nope', 'curl -s localhost:8001/api/v1/namespaces/default/services | head -4', 'kubectl get --raw /api/v1/namespaces/default/services/kubernetes | head -c 80; echo']);
    expect(screen(s)).toBe(
      'learner@laptop:~$ kubectl proxy &\n[1] 4100\nStarting to serve on 127.0.0.1:8001\n' +
      'learner@laptop:~$ curl -s localhost:8001/api/v1/namespaces/default/pods/nope\n{\n  "kind": "Status",\n  "apiVersion": "v1",\n  "metadata": {},\n  "status": "Failure",\n  "message": "pods \\"nope\\" not found",\n  "reason": "NotFound",\n  "details": {\n    "name": "nope",\n    "kind": "pods"\n  },\n  "code": 404\n}' +
      'learner@laptop:~$ curl -s localhost:8001/api/v1/namespaces/default/services | head -4\n{\n  "kind": "ServiceList",\n  "apiVersion": "v1",\n  "metadata": {\n' +
      'learner@laptop:~$ kubectl get --raw /api/v1/namespaces/default/services/kubernetes | head -c 80; echo\n{"kind":"Service","apiVersion":"v1","metadata":{"name":"kubernetes","namespace":\n',
    );
  });
});
