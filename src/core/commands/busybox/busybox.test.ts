import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/parse.ts';
import { Session } from '../../session/session.ts';

function start(): Session {
  const parsed = parseScenario('scenarios/crashloop.yaml', readFileSync('scenarios/crashloop.yaml', 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return Session.start(parsed.scenario);
}
const RUNNING = 'auth-service-8d8964df7-5xdzq';
const CRASHING = 'auth-service-5c99dffc8d-4mcsc';

/** A session inside a busybox debug container of `pod`, past kubectl's notices. */
function debugShell(pod: string, target = '--target=auth-service'): Session {
  const s = start();
  s.run(`kubectl debug -it ${pod} -n identity --image=busybox:1.36 ${target}`);
  expect(s.prompt()).toBe('/ # ');
  return s;
}

describe('busybox applets in a pod debug container (crashloop scenario)', () => {
  it('with --target on a running app, PID 1 is the app and /proc/1 exposes its env and root', () => {
    const s = debugShell(RUNNING);
    expect(s.run('ps').output).toBe('PID   USER     TIME  COMMAND\n    1 65532    172:47 /usr/local/bin/auth-service\n   19 root      0:00 sh\n   25 root      0:00 ps\n');
    expect(s.run("cat /proc/1/environ | tr '\\0' '\\n' | grep -E '^(DATABASE_URL|REDIS_ADDR|DB_PASSWORD|HOME)='").output).toBe(
      'DATABASE_URL=postgres://auth-db.identity.svc.cluster.local:5432/auth?sslmode=require\nREDIS_ADDR=redis-master.data.svc.cluster.local:6379\nDB_PASSWORD=w9Jx2mQp7RvL4tZc8Hn3Ka6B\nHOME=/home/nonroot\n');
    expect(s.run('ls /proc/1/root').output).toBe('dev\netc\nhome\nproc\nsys\ntmp\nusr\nvar\n');
    expect(s.run('ls /proc/1/root/bin').output).toBe('ls: /proc/1/root/bin: No such file or directory\n');
    expect(s.run('cat /nope /etc').output).toBe("cat: can't open '/nope': No such file or directory\ncat: read error: Is a directory\n");
    // The debug container's own env is not the app's.
    expect(s.run('env | grep -c DATABASE_URL').output).toBe('0\n');
    expect(s.run('hostname').output).toBe(`${RUNNING}\n`);
    expect(s.run('journalctl -u kubelet').output).toBe('sh: journalctl: not found\n');
    // Leaving prints kubectl's reattach hint for an ephemeral container of a pod that restarts Always.
    const container = s.state.pods[`identity/${RUNNING}`].spec.ephemeralContainers!.at(-1)!.name;
    expect(s.run('exit').output).toBe(`Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach ${RUNNING} -c ${container} -i -t' if it is still running\n`);
    expect(s.prompt()).toBe('learner@laptop:~$ ');
  });

  it('on a crash-looping target there is no process to join: the shell is PID 1', () => {
    const s = debugShell(CRASHING);
    expect(s.run('ps').output).toBe('PID   USER     TIME  COMMAND\n    1 root      0:00 sh\n    7 root      0:00 ps\n');
    expect(s.run("cat /proc/1/environ | tr '\\0' '\\n'").output).toBe(`PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOSTNAME=${CRASHING}\nTERM=xterm\nHOME=/root\n`);
  });

  it('answers DNS from the Services, through the pod search list', () => {
    const s = debugShell(CRASHING, '');
    expect(s.run('cat /etc/resolv.conf').output).toBe('search identity.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
    const head = 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n';
    expect(s.run('nslookup redis-master').output).toBe(`${head}** server can't find redis-master.identity.svc.cluster.local: NXDOMAIN\n\n** server can't find redis-master.svc.cluster.local: NXDOMAIN\n\n** server can't find redis-master.cluster.local: NXDOMAIN\n\n** server can't find redis-master: NXDOMAIN\n\n`);
    expect(s.run('echo $?').output).toBe('1\n');
    expect(s.run('nslookup redis-master.data').output).toBe(`${head}Name:\tredis-master.data.svc.cluster.local\nAddress: 10.96.142.17\n\n`);
    expect(s.run('nslookup auth-db').output).toBe(`${head}Name:\tauth-db.identity.svc.cluster.local\nAddress: 10.96.88.21\n\n`);
  });

  it('connects with nc and wget the way the pod network allows', () => {
    const s = debugShell(RUNNING);
    expect(s.run('nc -zv redis-master.data.svc.cluster.local 6379').output).toBe('redis-master.data.svc.cluster.local (10.96.142.17:6379) open\n');
    expect(s.run('nc -zv redis-master 6379').output).toBe("nc: bad address 'redis-master'\n");
    expect(s.run('echo PING | nc redis-master.data 6379').output).toBe('+PONG\r\n');
    expect(s.run('wget -qO- http://localhost:8443/healthz').output).toBe('ok');
    s.run('');
    expect(s.run('wget -O- http://redis-master:6379/').output).toBe("wget: bad address 'redis-master:6379'\n");
    expect(s.run('wget -q -O- http://localhost:9999/').output).toBe("wget: can't connect to remote host (127.0.0.1): Connection refused\n");
  });

  it('never throws on garbage and answers in busybox words', () => {
    const s = debugShell(RUNNING);
    expect(s.run('ls -Z').output).toMatch(/^ls: unrecognized option: Z\nBusyBox v1\.36\.1/);
    expect(s.run('nc').output).toMatch(/^BusyBox v1\.36\.1 .*\n\nUsage: nc /);
    expect(s.run('wget --bogus x').output).toMatch(/^wget: unrecognized option '--bogus'\n/);
    // Each line answers as busybox does; none reaches JavaScript's object keys or crashes.
    const expected: [string, string][] = [
      ["cat __proto__", "cat: can't open '__proto__': No such file or directory\n"],
      ["ls constructor", "ls: constructor: No such file or directory\n"],
      ["nslookup", "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n"],
      ["nslookup -x", "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n"],
      ["nslookup a b c", "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n"],
      ["nc -w", "nc: option requires an argument: w\nBusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen\n\n\t-e PROG\tRun PROG after connect (must be last)\n\t-l\tListen mode, for inbound connects\n\t-lk\tWith -e, provides persistent server\n\t-p PORT\tLocal port\n\t-s ADDR\tLocal address\n\t-w SEC\tTimeout for connects and final net reads\n\t-i SEC\tDelay interval for lines sent\n\t-n\tDon't do DNS resolution\n\t-u\tUDP mode\n\t-b\tAllow broadcasts\n\t-v\tVerbose\n\t-o FILE\tHex dump traffic\n\t-z\tZero-I/O mode (scanning)\n"],
      ["nc host port", "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen\n\n\t-e PROG\tRun PROG after connect (must be last)\n\t-l\tListen mode, for inbound connects\n\t-lk\tWith -e, provides persistent server\n\t-p PORT\tLocal port\n\t-s ADDR\tLocal address\n\t-w SEC\tTimeout for connects and final net reads\n\t-i SEC\tDelay interval for lines sent\n\t-n\tDon't do DNS resolution\n\t-u\tUDP mode\n\t-b\tAllow broadcasts\n\t-v\tVerbose\n\t-o FILE\tHex dump traffic\n\t-z\tZero-I/O mode (scanning)\n"],
      ["wget ::::", "wget: bad address '::::'\n"],
      ["env -u", "env: option requires an argument: u\nBusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: env [-i] [-u NAME]... [-] [NAME=VALUE]... [PROG ARGS]\n\nPrint current environment or run PROG after setting up\nthe specified environment\n"],
      ["ps -o", "ps: option requires an argument: o\nBusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: ps [-o COL1,COL2=HEADER] [-T]\n\nShow list of processes\n"],
      ["hostname -F", "hostname: option requires an argument: F\nBusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: hostname [-sfi] [HOSTNAME | -F FILE]\n\nShow or set hostname or DNS domain name\n"],
      ["printenv __proto__", ""],
      ["cat /proc/1/root/../../..", "cat: read error: Is a directory\n"],
    ];
    for (const [line, output] of expected) expect(s.run(line).output, line).toBe(output);
  });
});
