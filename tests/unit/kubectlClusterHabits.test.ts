/**
 * kubectl habits that read the cluster as a whole or the kubeconfig (issue 12, "Manifests"):
 * `get all`, `config view|set-context`, `cluster-info`, `get --raw`, `get componentstatuses`,
 * typed through a session on real scenarios as a learner types them. Formats from kubectl 1.33
 * (config view and its errors compared with the real binary on the same kubeconfig).
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/core/session/session.ts';
import { load } from './garbage.ts';

/** Runs lines in one session and returns each line's terminal output (a slow API's pending output included). */
function typed(file: string, lines: string[]): string[] {
  const s = Session.start(load(file));
  return lines.map((l) => {
    let out = s.run(l).output;
    if (s.pendingMs !== undefined) out += s.tick(s.now).output;
    return out;
  });
}

describe('kubectl get all', () => {
  it('lists the workload kinds of the "all" category with their kind, in discovery order', () => {
    const [out, none, kinds] = typed('crashloop.yaml', ['kubectl get all -n kube-system', 'kubectl get all -n nope', 'kubectl get all -o name -n data']);
    const heads = out.split('\n').filter((l) => l.startsWith('NAME')).length;
    expect(heads).toBe(5);
    expect(out.split('\n\n').map((t) => t.split('\n')[1].split('/')[0])).toEqual(['pod', 'service', 'daemonset.apps', 'deployment.apps', 'replicaset.apps']);
    expect(none).toBe('No resources found in nope namespace.\n');
    expect(kinds).toBe('pod/redis-master-7cd475d688-sx9lw\nservice/redis-master\ndeployment.apps/redis-master\nreplicaset.apps/redis-master-7cd475d688\n');
  });
  it('prints the kind even when only one kind has objects (kubectl: several types requested)', () => {
    const [out] = typed('crashloop.yaml', ['kubectl get all']);
    expect(out).toBe('NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\nservice/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   61d\n');
  });
});

describe('kubectl config and the kubeconfig file', () => {
  it('config view hides embedded certificates; --raw shows them; --minify with jsonpath reads the server', () => {
    const [view, server, raw] = typed('etcd-slowness.yaml', ['kubectl config view', "kubectl config view --minify -o jsonpath='{.clusters[0].cluster.server}'", 'kubectl config view --raw | grep -c DATA+OMITTED']);
    expect(view).toBe(`apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: DATA+OMITTED
    server: https://10.0.1.10:6443
  name: kubeadm-prod-eu
contexts:
- context:
    cluster: kubeadm-prod-eu
    user: kubeadm-prod-eu-admin
  name: kubeadm-prod-eu
current-context: kubeadm-prod-eu
kind: Config
preferences: {}
users:
- name: kubeadm-prod-eu-admin
  user:
    client-certificate-data: DATA+OMITTED
    client-key-data: DATA+OMITTED
`);
    expect(server).toBe('https://10.0.1.10:6443');
    expect(raw).toBe('0\n');
  });
  it('set-context --current --namespace changes the namespace of every later command, and the file shows it', () => {
    const out = typed('crashloop.yaml', [
      'kubectl config set-context --current --namespace=identity', 'kubectl get deploy', 'kubectl config get-contexts', 'grep namespace ~/.kube/config',
      'kubectl get deploy -n data', 'kubectl config set-context --current --namespace=', 'kubectl get deploy',
    ]);
    expect(out[0]).toBe('Context "prod-us-east-2" modified.\n');
    expect(out[1]).toBe('NAME             READY   UP-TO-DATE   AVAILABLE   AGE\nauth-service     3/4     2            3           61d\nuser-directory   2/2     1            2           61d\n');
    expect(out[2]).toBe('CURRENT   NAME             CLUSTER          AUTHINFO               NAMESPACE\n*         prod-us-east-2   prod-us-east-2   prod-us-east-2-admin   identity\n');
    expect(out[3]).toBe('    namespace: identity\n');
    expect(out[4]).toContain('redis-master');
    expect(out[6]).toBe('No resources found in default namespace.\n');
  });
  it('answers the argument errors with kubectl\'s words', () => {
    expect(typed('crashloop.yaml', [
      'kubectl config set-context', 'kubectl config set-context x --current', 'kubectl config use-context nope', 'kubectl config view -o wide',
      'kubectl config set-context staging --namespace=qa', 'kubectl config use-context staging', 'kubectl config current-context',
    ])).toEqual([
      'error: you must specify a non-empty context name or --current\n',
      'error: you cannot specify both a context name and --current\n',
      'error: no context exists with the name: "nope"\n',
      'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
      'Context "staging" created.\n',
      'Switched to context "staging".\n',
      'staging\n',
    ]);
  });
});

describe('kubectl cluster-info', () => {
  it('names the API server and the cluster services, coloured on a terminal and plain in a pipe', () => {
    const [tty, piped] = typed('crashloop.yaml', ['kubectl cluster-info', 'kubectl cluster-info | cat']);
    const url = 'https://A2482B3CC0DFB81BCD8DE378A6D43A33.gr7.us-east-2.eks.amazonaws.com';
    expect(piped).toBe(`Kubernetes control plane is running at ${url}\nCoreDNS is running at ${url}/api/v1/namespaces/kube-system/services/kube-dns/proxy\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`);
    expect(tty.startsWith(`\x1b[0;32mKubernetes control plane\x1b[0m is running at \x1b[0;33m${url}\x1b[0m\n`)).toBe(true);
  });
});

describe('kubectl get --raw and componentstatuses', () => {
  it('health endpoints answer ok, verbose lists the checks', () => {
    const [ready, verbose, livez, missing, args] = typed('crashloop.yaml', ['kubectl get --raw /readyz', "kubectl get --raw '/readyz?verbose' | grep -E 'etcd|passed'", 'kubectl get --raw=/livez', 'kubectl get --raw /nope', 'kubectl get pods --raw /readyz']);
    expect(ready).toBe('ok');
    expect(verbose).toBe('[+]etcd ok\n[+]etcd-readiness ok\nreadyz check passed\n');
    expect(livez).toBe('ok');
    expect(missing).toBe('Error from server (NotFound): the server could not find the requested resource\n');
    expect(args).toBe('error: arguments may not be passed when --raw is specified\n');
  });
  it('/metrics shows etcd request latency in the slow cluster\'s buckets', () => {
    const [slow] = typed('etcd-slowness.yaml', ['kubectl get --raw /metrics | grep \'etcd_request_duration_seconds_bucket{operation="get",type="/registry/pods",le="0.1"}\'']);
    const [fast] = typed('crashloop.yaml', ['kubectl get --raw /metrics | grep \'etcd_request_duration_seconds_bucket{operation="get",type="/registry/pods",le="0.1"}\'']);
    const count = (s: string) => Number(s.trim().split(' ').pop());
    expect(count(slow)).toBeLessThan(count(fast));
    expect(count(fast)).toBeGreaterThan(0);
  });
  it('get cs warns that the kind is deprecated, then prints the table', () => {
    const [cs] = typed('crashloop.yaml', ['kubectl get cs']);
    expect(cs).toBe('Warning: v1 ComponentStatus is deprecated in v1.19+\nNAME                 STATUS    MESSAGE   ERROR\ncontroller-manager   Healthy   ok        \netcd-0               Healthy   ok        \nscheduler            Healthy   ok        \n');
  });
});
