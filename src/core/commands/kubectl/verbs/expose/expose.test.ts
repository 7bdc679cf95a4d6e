/**
 * `kubectl expose` and `kubectl autoscale` typed in a session on the crashloop scenario, as a learner
 * types them: the Service and HPA they create, what the cluster then shows, kubectl 1.33's errors
 * (checked with the real binary against kube-fake-api with --dry-run=client), and their --help.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Session } from '../../../../session/session.ts';
import { load } from '../../../../../../tests/unit/garbage.ts';
import { findKubectl133 } from '../../../../../../tests/real-kubectl/compare.ts';

function typed(lines: string[], s = Session.start(load('crashloop.yaml'))): string[] {
  return lines.map((l) => {
    let out = s.run(l).output;
    if (s.pendingMs !== undefined) out += s.tick(s.now).output;
    return out;
  });
}

describe('kubectl expose', () => {
  it('creates a Service selecting the deployment\'s pods, with a cluster IP, node port and its EndpointSlice', () => {
    const s = Session.start(load('crashloop.yaml'));
    const [made, table, slices, again] = typed([
      'kubectl expose deploy redis-master -n data --name=redis-np --port=80 --target-port=6379 --type=NodePort',
      'kubectl get svc -n data -o wide', 'kubectl get endpointslices -n data -l kubernetes.io/service-name=redis-np',
      'kubectl expose deploy redis-master -n data --name=redis-np --port=80',
    ], s);
    expect(made).toBe('service/redis-np exposed\n');
    const svc = s.state.services['data/redis-np'];
    const ip = svc.spec.clusterIP;
    const nodePort = (svc.spec.ports[0] as { nodePort?: number }).nodePort!;
    expect(ip).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
    expect(nodePort).toBeGreaterThanOrEqual(30000);
    expect(table).toBe([
      'NAME           TYPE        CLUSTER-IP       EXTERNAL-IP   PORT(S)        AGE   SELECTOR',
      `${'redis-master'.padEnd(15)}ClusterIP   ${s.state.services['data/redis-master'].spec.clusterIP.padEnd(17)}<none>        6379/TCP       61d   app=redis-master`,
      `${'redis-np'.padEnd(15)}NodePort    ${ip.padEnd(17)}<none>        80:${nodePort}/TCP   0s    app=redis-master`,
      '',
    ].join('\n'));
    const pod = Object.values(s.state.pods).find((p) => p.metadata.namespace === 'data')!;
    expect(slices).toMatch(new RegExp(`^NAME +ADDRESSTYPE +PORTS +ENDPOINTS +AGE\nredis-np-[a-z0-9]{5} +IPv4 +6379 +${pod.status.podIP!.replace(/\./g, '\\.')} +0s\n$`));
    expect(again).toBe('Error from server (AlreadyExists): services "redis-np" already exists\n');
  });

  it('prints the request for --dry-run=client as kubectl 1.33 builds it: labels and selector from the object, its one port', () => {
    const [yaml, multi] = typed(['kubectl expose deploy redis-master -n data --dry-run=client -o yaml', 'kubectl expose deploy redis-master -n data --port=80,443 --protocol=UDP --dry-run=client -o yaml']);
    expect(yaml).toBe('apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: redis-master\n  name: redis-master\n  namespace: data\nspec:\n  ports:\n  - port: 6379\n    protocol: TCP\n    targetPort: 6379\n  selector:\n    app: redis-master\nstatus:\n  loadBalancer: {}\n');
    expect(multi).toContain('  ports:\n  - name: port-1\n    port: 80\n    protocol: UDP\n    targetPort: 80\n  - name: port-2\n    port: 443\n    protocol: UDP\n    targetPort: 443\n');
  });

  it('answers kubectl\'s errors: no name, a kind it cannot expose, no port, no selector, bad port, invalid Service', () => {
    const s = Session.start(load('crashloop.yaml'));
    const node = Object.keys(s.state.nodes)[0];
    const out = typed([
      'kubectl expose', 'kubectl expose deploy', `kubectl expose node ${node} --port=80`, 'kubectl expose deploy nope -n data',
      'kubectl expose svc kubernetes --name=k2 --selector=a=b --port=abc', 'kubectl expose deploy redis-master -n data --name=Bad --port=70000 --type=Foo',
    ], s);
    expect(out).toEqual([
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
      'error: resource(s) were provided, but no name was specified\n',
      'error: cannot expose a Node\n',
      'Error from server (NotFound): deployments.apps "nope" not found\n',
      'error: strconv.Atoi: parsing "abc": invalid syntax\n',
      'The Service "Bad" is invalid: \n* metadata.name: Invalid value: "Bad": a DNS-1035 label must consist of lower case alphanumeric characters or \'-\', start with an alphabetic character, and end with an alphanumeric character (e.g. \'my-name\',  or \'abc-123\', regex used for validation is \'[a-z]([-a-z0-9]*[a-z0-9])?\')\n* spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"\n* spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive\n* spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive\n',
    ]);
    // The default `kubernetes` Service has no selector; a pod with no ports has none to copy.
    expect(typed(['kubectl expose svc kubernetes --name=k2'], s)).toEqual(['error: couldn\'t retrieve selectors via --selector flag or introspection: the service has no pod selector set\n']);
  });

  it('is refused by RBAC like any create', () => {
    const [out] = typed(['kubectl expose deploy redis-master -n data --name=r2 --as=jane']);
    expect(out).toBe('Error from server (Forbidden): deployments.apps "redis-master" is forbidden: User "jane" cannot get resource "deployments" in API group "apps" in the namespace "data"\n');
  });
});

describe('kubectl autoscale', () => {
  it('creates an autoscaling/v2 HPA that the controller then drives', () => {
    const s = Session.start(load('crashloop.yaml'));
    const [made, again] = typed(['kubectl autoscale deploy/redis-master -n data --min=1 --max=3 --cpu-percent=60', 'kubectl autoscale deployment redis-master -n data --max=3'], s);
    expect(made).toBe('horizontalpodautoscaler.autoscaling/redis-master autoscaled\n');
    expect(again).toBe('Error from server (AlreadyExists): horizontalpodautoscalers.autoscaling "redis-master" already exists\n');
    s.tick(s.now + 60_000);
    const [table] = typed(['kubectl get hpa -n data'], s);
    expect(table).toMatch(/^NAME +REFERENCE +TARGETS +MINPODS +MAXPODS +REPLICAS +AGE\nredis-master +Deployment\/redis-master +cpu: \d+%\/60% +1 +3 +1 +\d+s\n$/);
  });

  it('prints the v2 request on --dry-run=client and kubectl 1.33\'s errors', () => {
    const out = typed([
      'kubectl autoscale deploy redis-master -n data --max=5 --dry-run=client -o yaml', 'kubectl autoscale deploy redis-master -n data --max=5 --dry-run=client',
      'kubectl autoscale deploy redis-master -n data', 'kubectl autoscale deploy redis-master -n data --max=0', 'kubectl autoscale deploy redis-master -n data --max=2 --min=3',
      'kubectl autoscale svc redis-master -n data --max=2', 'kubectl autoscale deploy redis-master -n data --max=2 --cpu=50%',
    ]);
    expect(out).toEqual([
      'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  creationTimestamp: null\n  name: redis-master\nspec:\n  maxReplicas: 5\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: redis-master\nstatus:\n  currentMetrics: null\n  desiredReplicas: 0\n',
      'horizontalpodautoscaler.autoscaling/redis-master created (dry run)\n',
      'error: required flag(s) "max" not set\n',
      'error: --max=MAXPODS is required and must be at least 1, max: 0\n',
      'error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: 2, min: 3\n',
      'error: cannot autoscale a Service: could not find scale subresource for /v1, Resource=services in discovery information\n',
      "error: unknown flag: --cpu\nSee 'kubectl autoscale --help' for usage.\n",
    ]);
  });
});

describe('expose and autoscale -f', () => {
  it('act on the object the file describes, in the file\'s namespace, as kubectl\'s builder hands it over', () => {
    const s = Session.start(load('crashloop.yaml'));
    const [, exposed, svc, scaled, hpa, missing] = typed([
      'kubectl get deploy redis-master -n data -o yaml > /tmp/d.yaml',
      'kubectl expose -f /tmp/d.yaml --name=from-file --port=6379',
      'kubectl get svc from-file -n data -o jsonpath={.spec.selector}',
      'kubectl autoscale -f /tmp/d.yaml --max=3',
      'kubectl get hpa redis-master -n data -o jsonpath={.spec.scaleTargetRef}',
      'kubectl expose -f /tmp/nope.yaml --port=1',
    ], s);
    expect(exposed).toBe('service/from-file exposed\n');
    expect(svc).toBe('{"app":"redis-master"}');
    expect(scaled).toBe('horizontalpodautoscaler.autoscaling/redis-master autoscaled\n');
    expect(hpa).toBe('{"apiVersion":"apps/v1","kind":"Deployment","name":"redis-master"}');
    expect(missing).toBe('error: the path "/tmp/nope.yaml" does not exist\n');
  });
});

describe('-v=6 on write verbs', () => {
  it('logs the GET and the write with kubectl 1.33\'s klog lines, a 404 with the Status dump', () => {
    const s = Session.start(load('crashloop.yaml'));
    const [label, missing] = typed(['kubectl label deploy redis-master -n data team=cache -v=6', 'kubectl delete pod nope -n data -v=6'], s);
    const lines = label.split('\n');
    expect(lines[0]).toMatch(/^I\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ loader\.go:402\] Config loaded from file:  \/home\/learner\/\.kube\/config$/);
    expect(lines.slice(6).map((l) => l.replace(/^I\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ /, '').replace(/milliseconds=\d+/, 'milliseconds=N').replace(/https:\/\/[^/]+/, 'SERVER'))).toEqual([
      'round_trippers.go:632] "Response" verb="GET" url="SERVER/apis/apps/v1/namespaces/data/deployments/redis-master" status="200 OK" milliseconds=N',
      'round_trippers.go:632] "Response" verb="PATCH" url="SERVER/apis/apps/v1/namespaces/data/deployments/redis-master?fieldManager=kubectl-label" status="200 OK" milliseconds=N',
      'deployment.apps/redis-master labeled', '',
    ]);
    expect(missing.split('\n').slice(6).join('\n').replace(/^I\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ /gm, '').replace(/https:\/\/[^/]+/, 'SERVER').replace(/milliseconds=\d+/, 'milliseconds=N')).toBe(
      'round_trippers.go:632] "Response" verb="DELETE" url="SERVER/api/v1/namespaces/data/pods/nope" status="404 Not Found" milliseconds=N\nhelpers.go:246] server response object: %s[{\n  "kind": "Status",\n  "apiVersion": "v1",\n  "metadata": {},\n  "status": "Failure",\n  "message": "pods \\"nope\\" not found",\n  "reason": "NotFound",\n  "details": {\n    "name": "nope",\n    "kind": "pods"\n  },\n  "code": 404\n}]\nError from server (NotFound): pods "nope" not found\n');
  });

  it('answers a create with 201 Created, a name already taken with 409 Conflict', () => {
    const s = Session.start(load('crashloop.yaml'));
    const posts = typed(['kubectl expose deploy redis-master -n data --name=r2 -v=6', 'kubectl expose deploy redis-master -n data --name=r2 -v=6'], s)
      .map((o) => o.split('\n').filter((l) => l.includes('verb="POST"')).map((l) => l.replace(/^.*url="https:\/\/[^/]+/, '').replace(/ milliseconds=\d+$/, '')));
    expect(posts).toEqual([['/api/v1/namespaces/data/services?fieldManager=kubectl-expose" status="201 Created"'], ['/api/v1/namespaces/data/services?fieldManager=kubectl-expose" status="409 Conflict"']]);
  });

  it('prints the deletion between the DELETE and the closing GET, which finds the pod gone', () => {
    const s = Session.start(load('crashloop.yaml'));
    const pod = Object.values(s.state.pods).find((p) => p.metadata.namespace === 'data')!.metadata.name;
    const [out] = typed([`kubectl delete pod ${pod} -n data -v=6`], s);
    expect(out.split('\n').slice(6).map((l) => l.replace(/^I\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ /, '').replace(/ milliseconds=\d+/, '').replace(/https:\/\/[^/]+/, 'SERVER'))).toEqual([
      `round_trippers.go:632] "Response" verb="DELETE" url="SERVER/api/v1/namespaces/data/pods/${pod}" status="200 OK"`,
      `pod "${pod}" deleted`,
      `round_trippers.go:632] "Response" verb="GET" url="SERVER/api/v1/namespaces/data/pods/${pod}" status="404 Not Found"`, '',
    ]);
  });
});

const real = findKubectl133();
describe.skipIf(!real)(`kubectl expose/autoscale --help${real ? '' : ' (skipped: no kubectl.1.33 beside kubectl)'}`, () => {
  it('prints the whole help of kubectl 1.33', () => {
    for (const verb of ['expose', 'autoscale']) expect(typed([`kubectl ${verb} --help`])[0]).toBe(spawnSync(real!, [verb, '--help'], { encoding: 'utf8' }).stdout);
  });
});

describe('Tab after the new verbs', () => {
  it('completes expose and autoscale types and names, attach pods, cluster-info dump and its flags', () => {
    const s = Session.start(load('crashloop.yaml'));
    const at = (line: string) => s.complete(line, line.length).candidates;
    expect(at('kubectl exp')).toEqual(['explain', 'expose']);
    expect(at('kubectl autos')).toEqual(['autoscale']);
    expect(at('kubectl att')).toEqual(['attach']);
    expect(at('kubectl expose deploy -n data redis')).toEqual(['redis-master']);
    expect(at('kubectl autoscale -n data deployment/redis')).toEqual(['deployment/redis-master']);
    expect(at('kubectl attach -n data redis')).toEqual([Object.values(s.state.pods).find((p) => p.metadata.namespace === 'data')!.metadata.name]);
    expect(at('kubectl cluster-info d')).toEqual(['dump']);
    expect(at('kubectl cluster-info dump --output-d')).toEqual(['--output-directory']);
    expect(at('kubectl expose deploy x --target-')).toEqual(['--target-port']);
    expect(at('kubectl debug x --copy')).toEqual(['--copy-to']);
  });
});
