/**
 * `kubectl create deployment|service|serviceaccount` typed in a session on the crashloop scenario:
 * the objects the cluster then runs (a rolled-out Deployment, a Service with its cluster IP and
 * EndpointSlice, a ServiceAccount that `create token` accepts), the API server's refusals
 * (AlreadyExists, Invalid, NotFound, Forbidden), `--dry-run=server`, and Tab completion.
 * The client-side outputs are compared with the real kubectl in tests/real-kubectl/create.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../../../session/session.ts';
import { load } from '../../../../../../tests/unit/garbage.ts';

function session() {
  const s = Session.start(load('crashloop.yaml'));
  const run = (line: string) => s.run(line, s.now + 1000).output;
  return { s, run };
}

describe('kubectl create deployment', () => {
  it('creates a Deployment the controllers roll out: ReplicaSet, pods Running, the API server\'s defaults', () => {
    const { s, run } = session();
    expect(run('kubectl create deployment web --image=nginx:1.25 -n data --replicas=2 --port=80')).toBe('deployment.apps/web created\n');
    s.run('sleep 30');
    const rs = Object.values(s.state.replicaSets).find((r) => r.metadata.name.startsWith('web-'))!.metadata.name;
    const pods = Object.values(s.state.pods).filter((p) => p.metadata.name.startsWith(`${rs}-`)).map((p) => p.metadata.name).sort();
    expect(pods).toHaveLength(2);
    expect(run('kubectl get deploy,rs,pods -n data -l app=web')).toBe([
      'NAME                  READY   UP-TO-DATE   AVAILABLE   AGE', 'deployment.apps/web   2/2     2            2           31s', '',
      // The ReplicaSet's hash (and so the name widths) follows the defaulted template.
      `${'NAME'.padEnd(`replicaset.apps/${rs}`.length + 3)}DESIRED   CURRENT   READY   AGE`, `replicaset.apps/${rs}   2         2         2       31s`, '',
      `${'NAME'.padEnd(`pod/${pods[0]}`.length + 3)}READY   STATUS    RESTARTS   AGE`, ...pods.map((p) => `pod/${p}   1/1     Running   0          31s`), '',
    ].join('\n'));
    expect(run('kubectl get deploy web -n data -o jsonpath={.spec.strategy.type}/{.spec.strategy.rollingUpdate.maxSurge}/{.spec.strategy.rollingUpdate.maxUnavailable}')).toBe('RollingUpdate/25%/25%');
    expect(run('kubectl get deploy web -n data -o jsonpath={.spec.template.spec.containers}')).toBe('[{"image":"nginx:1.25","imagePullPolicy":"IfNotPresent","name":"nginx","ports":[{"containerPort":80,"protocol":"TCP"}],"resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"}]');
    expect(run('kubectl create deploy web --image=nginx -n data')).toBe('error: failed to create deployment: deployments.apps "web" already exists\n');
    expect(run('echo $?')).toBe('1\n');
  });

  it('answers the API server\'s refusals: invalid name, replicas and container name together; a missing namespace; RBAC', () => {
    const { run } = session();
    expect(run('kubectl create deploy Bad --image=Nginx -r -2 -n data')).toBe(
      'error: failed to create deployment: Deployment.apps "Bad" is invalid: [metadata.name: Invalid value: "Bad": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\'), spec.replicas: Invalid value: -2: must be greater than or equal to 0, spec.template.spec.containers[0].name: Invalid value: "Nginx": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character (e.g. \'my-name\',  or \'123-abc\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?\')]\n');
    expect(run('kubectl create deploy two --image=nginx --image=nginx:2 -n data')).toBe(
      'error: failed to create deployment: Deployment.apps "two" is invalid: spec.template.spec.containers[1].name: Duplicate value: "nginx"\n');
    expect(run('kubectl create deploy x --image=nginx -n nope')).toBe('error: failed to create deployment: namespaces "nope" not found\n');
    expect(run('kubectl create deploy x --image=nginx -n data --as=jane')).toBe(
      'Error from server (Forbidden): deployments.apps is forbidden: User "jane" cannot create resource "deployments" in API group "apps" in the namespace "data"\n');
    expect(run('kubectl get deploy -n data -o name')).toBe('deployment.apps/redis-master\n');
  });

  it('--dry-run=server answers with the defaulted object, before any controller, and stores nothing', () => {
    const { s, run } = session();
    const out = run('kubectl create deployment web --image=nginx --dry-run=server -n data -o yaml');
    expect(out).toMatch(/^apiVersion: apps\/v1\nkind: Deployment\nmetadata:\n  creationTimestamp: "[^"]+"\n  generation: 1\n  labels:\n    app: web\n  name: web\n  namespace: data\n  uid: [0-9a-f-]{36}\nspec:\n  progressDeadlineSeconds: 600\n  replicas: 1\n  revisionHistoryLimit: 10\n/);
    expect(out.endsWith('    spec:\n      containers:\n      - image: nginx\n        imagePullPolicy: Always\n        name: nginx\n        resources: {}\n        terminationMessagePath: /dev/termination-log\n        terminationMessagePolicy: File\n'
      + '      dnsPolicy: ClusterFirst\n      restartPolicy: Always\n      schedulerName: default-scheduler\n      securityContext: {}\n      terminationGracePeriodSeconds: 30\nstatus: {}\n')).toBe(true);
    expect(s.state.deployments['data/web']).toBeUndefined();
    expect(run('kubectl create deployment web --image=nginx --dry-run=server -n data')).toBe('deployment.apps/web created (server dry run)\n');
  });
});

describe('kubectl create service', () => {
  it('a ClusterIP Service gets a cluster IP and an EndpointSlice of the pods it selects', () => {
    const { s, run } = session();
    expect(run('kubectl create svc clusterip redis-master-2 --tcp=6380:6379 -n data')).toBe('service/redis-master-2 created\n');
    const svc = s.state.services['data/redis-master-2'];
    expect(svc.spec.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
    // `app=redis-master-2` selects no pod: the slice is there without endpoints.
    expect(run('kubectl get endpointslices -n data -l kubernetes.io/service-name=redis-master-2')).toMatch(/^NAME +ADDRESSTYPE +PORTS +ENDPOINTS +AGE\nredis-master-2-[a-z0-9]{5} +IPv4 +\S+ +<unset> +1s\n$/);
    expect(run('kubectl get svc redis-master-2 -n data -o wide')).toBe(
      `NAME             TYPE        CLUSTER-IP${' '.repeat(svc.spec.clusterIP.length - 7)}EXTERNAL-IP   PORT(S)    AGE   SELECTOR\nredis-master-2   ClusterIP   ${svc.spec.clusterIP}   <none>        6380/TCP   2s    app=redis-master-2\n`);
    expect(run('kubectl create svc clusterip redis-master --tcp=1 -n data')).toBe('error: failed to create ClusterIP service: services "redis-master" already exists\n');
  });

  it('selects the pods of a deployment made by create deployment, as the tutorials pair them', () => {
    const { s, run } = session();
    run('kubectl create deployment web --image=nginx -n data --replicas=2 --port=80');
    s.run('sleep 30');
    expect(run('kubectl create service clusterip web --tcp=80:80 -n data')).toBe('service/web created\n');
    const ips = Object.values(s.state.pods).filter((p) => p.metadata.labels?.app === 'web').map((p) => p.status.podIP);
    const slice = run('kubectl get endpointslices -n data -l kubernetes.io/service-name=web --no-headers').split(/\s+/);
    expect(slice[2]).toBe('80');
    expect(slice[3].split(',').sort()).toEqual(ips.sort());
  });

  it('node ports: allocated, given, out of range, taken; ExternalName and headless have no cluster IP', () => {
    const { s, run } = session();
    expect(run('kubectl create svc nodeport np --tcp=80:6379 --node-port=30080 -n data')).toBe('service/np created\n');
    expect(run('kubectl create svc nodeport np2 --tcp=80:6379 --node-port=30080 -n data')).toBe(
      'error: failed to create NodePort service: Service "np2" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated\n');
    expect(run('kubectl create svc nodeport np3 --tcp=80 --node-port=80 -n data')).toBe(
      'error: failed to create NodePort service: Service "np3" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767\n');
    expect(run('kubectl create svc loadbalancer lb --tcp=80:6379 -n data')).toBe('service/lb created\n');
    expect(run('kubectl create svc externalname db --external-name=db.example.com -n data')).toBe('service/db created\n');
    expect(run('kubectl create svc clusterip h --clusterip=None -n data')).toBe('service/h created\n');
    const ip = (n: string) => s.state.services[`data/${n}`].spec.clusterIP;
    const lbPort = (s.state.services['data/lb'].spec.ports[0] as { nodePort?: number }).nodePort!;
    expect(lbPort).toBeGreaterThanOrEqual(30000);
    const w = Math.max(...['lb', 'np', 'redis-master'].map((n) => ip(n).length), 'CLUSTER-IP'.length) + 3;
    expect(run('kubectl get svc -n data')).toBe([
      `NAME           TYPE           ${'CLUSTER-IP'.padEnd(w)}EXTERNAL-IP      PORT(S)        AGE`,
      `db             ExternalName   ${'<none>'.padEnd(w)}db.example.com   <none>         2s`,
      `h              ClusterIP      ${'None'.padEnd(w)}<none>           <none>         1s`,
      `lb             LoadBalancer   ${ip('lb').padEnd(w)}<pending>        80:${lbPort}/TCP   3s`,
      `np             NodePort       ${ip('np').padEnd(w)}<none>           80:30080/TCP   6s`,
      `redis-master   ClusterIP      ${ip('redis-master').padEnd(w)}<none>           6379/TCP       61d`, '',
    ].join('\n'));
    expect(run('kubectl get svc db -n data -o yaml').split('spec:\n')[1]).toBe('  externalName: db.example.com\n  selector:\n    app: db\n  sessionAffinity: None\n  type: ExternalName\nstatus:\n  loadBalancer: {}\n');
  });

  it('the API server\'s field errors come all at once, behind kubectl\'s "failed to create" words', () => {
    const { run } = session();
    expect(run('kubectl create svc clusterip Bad --tcp=0 -n data')).toBe(
      'error: failed to create ClusterIP service: Service "Bad" is invalid: [metadata.name: Invalid value: "Bad": a DNS-1035 label must consist of lower case alphanumeric characters or \'-\', start with an alphabetic character, and end with an alphanumeric character (e.g. \'my-name\',  or \'abc-123\', regex used for validation is \'[a-z]([-a-z0-9]*[a-z0-9])?\'), spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive, spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive]\n');
  });
});

describe('kubectl create serviceaccount', () => {
  it('creates a ServiceAccount that create token then accepts; the same name twice is AlreadyExists', () => {
    const { run } = session();
    expect(run('kubectl create token ci-bot -n data')).toBe('error: failed to create token: serviceaccounts "ci-bot" not found\n');
    expect(run('kubectl create sa ci-bot -n data')).toBe('serviceaccount/ci-bot created\n');
    expect(run('kubectl get sa -n data')).toBe('NAME      SECRETS   AGE\nci-bot    0         1s\ndefault   0         61d\n');
    expect(run('kubectl create token ci-bot -n data')).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(run('kubectl create serviceaccount ci-bot -n data')).toBe('error: failed to create serviceaccount: serviceaccounts "ci-bot" already exists\n');
    expect(run('kubectl create sa CI -n data -o name')).toBe(
      'error: failed to create serviceaccount: ServiceAccount "CI" is invalid: metadata.name: Invalid value: "CI": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')\n');
  });
});

describe('Tab after kubectl create', () => {
  it('lists the new generators, their aliases\' targets, service types and flags', () => {
    const { s } = session();
    const at = (line: string) => s.complete(line, line.length).candidates;
    expect(at('kubectl create d')).toEqual(['deployment']);
    expect(at('kubectl create se')).toEqual(['secret', 'service', 'serviceaccount']);
    expect(at('kubectl create service ')).toEqual(['clusterip', 'externalname', 'loadbalancer', 'nodeport']);
    expect(at('kubectl create svc n')).toEqual(['nodeport']);
    expect(at('kubectl create deployment web --rep')).toEqual(['--replicas']);
    expect(at('kubectl create service nodeport x --node')).toEqual(['--node-port']);
    expect(at('kubectl create service externalname x --ext')).toEqual(['--external-name']);
  });
});
