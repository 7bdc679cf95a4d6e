/**
 * The habits sweep: lines an experienced on-call engineer types in the first minutes of an
 * incident, on the laptop, on a worker and a control-plane node, and in a busybox debug container,
 * in every scenario. Counts the lines a real machine would answer but the simulation refuses with
 * `command not found`, `unknown command`, `unknown flag`, `doesn't have a resource type` or
 * kubectl's `is not available in this training environment`.
 * The figure is printed; the refusals must be exactly the list of what is still missing (so a
 * regression, or a newly built tool not yet struck off, fails the test).
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/core/session/session.ts';
import { files, load } from './garbage.ts';

const LAPTOP = [
  'kubectl get pods -A', 'kubectl get nodes -o wide', 'kubectl get events -A --sort-by=.lastTimestamp | tail -20', 'kubectl get deploy -A', 'kubectl top nodes',
  'kubectl get pods -A -o wide | grep -v Running', 'kubectl get pods -A --field-selector=status.phase!=Running', 'kubectl config current-context', 'kubectl config get-contexts',
  'kubectl version --client', 'kubectl api-resources | head -5', 'kubectl get ns', 'kubectl get pods -A -o json | head -3', 'kubectl completion bash | head -2',
  'alias k=kubectl', 'k get pods -A | head -3', 'source <(kubectl completion bash)', 'export NS=kube-system', 'kubectl get pods -n $NS', 'echo $PATH', 'env | grep KUBE', 'which kubectl',
  'type kubectl', 'ls -la ~', 'ls ~/.kube', 'cat ~/.bashrc | head -3', 'date', 'date -u', 'uname -a', 'hostname', 'whoami', 'id', 'pwd', 'cd /tmp && pwd', 'cd', 'history | tail -3',
  'for ns in $(kubectl get ns -o name | cut -d/ -f2); do echo "== $ns"; done', 'kubectl get pods -A --no-headers | wc -l', 'kubectl get pods -A --no-headers | awk \'{print $4}\' | sort | uniq -c',
  'kubectl get nodes -o name | xargs -n1 echo', 'kubectl get pods -A > /tmp/pods.txt', 'wc -l /tmp/pods.txt', 'grep -c Running /tmp/pods.txt', 'sed -n 1p /tmp/pods.txt', 'head -2 /tmp/pods.txt | column -t',
  'kubectl get nodes | tee /tmp/nodes.txt | wc -l', 'echo aGVsbG8= | base64 -d', 'seq 3', 'printf "%s\\n" a b', 'if kubectl get ns default >/dev/null; then echo ok; fi', 'while read l; do echo "$l"; done < /tmp/nodes.txt | head -1',
  'test -f /tmp/pods.txt && echo yes', '[ -d /tmp ] && echo dir', '[[ $NS == kube-* ]] && echo match', 'x=$((2+3)); echo $x', 'echo {1..3}', 'ls /tmp/*.txt', 'mkdir -p /tmp/x/y', 'touch /tmp/x/y/z', 'rm -rf /tmp/x',
  'cat <<EOF\nhello\nEOF', 'grep -c . <<< "a b"', 'sleep 1', 'true; echo $?', 'false || echo failed', 'time kubectl get ns', 'uptime', 'nproc', 'env | head -3', 'printenv HOME', 'sudo whoami',
  'kubectl get all -n kube-system', 'kubectl get all -A | head -3', "kubectl get --raw '/readyz?verbose' | tail -2", 'kubectl get --raw /healthz', 'kubectl get --raw /livez', 'kubectl get --raw /metrics | head -3',
  'kubectl cluster-info', 'kubectl config view', 'kubectl config view --minify', "kubectl config view -o jsonpath='{.contexts[*].name}'", 'kubectl get componentstatuses',
  'kubectl config set-context --current --namespace=kube-system', 'kubectl get pods | head -2', 'kubectl config set-context --current --namespace=default',
  'kubectl get pods -A -w --request-timeout=1s', 'watch -n 5 kubectl get nodes', 'kubectl events -A', 'kubectl get events -A -w', 'kubectl logs --help | head -3',
  'kubectl expose deploy coredns -n kube-system --name=dns2 --port=53 --dry-run=client', 'kubectl autoscale deploy coredns -n kube-system --max=3 --dry-run=client',
  'kubectl cluster-info dump --namespaces kube-system | head -3', 'kubectl delete pod nope -v=6 2>&1 | tail -1', 'kubectl expose --help | head -1',
  'kubectl wait --for=condition=Ready nodes --all --timeout=5s', 'kubectl wait --for=condition=Available deploy/coredns -n kube-system', 'kubectl wait --for=delete pod/gone --timeout=1s',
  'kubectl port-forward -n kube-system svc/kube-dns 5353:53', 'kubectl edit deploy coredns -n kube-system', 'kubectl edit --help | head -2',
  'kubectl cp -n kube-system $(kubectl get pods -n kube-system -o name | head -1 | cut -d/ -f2):/etc/hostname /tmp/hostname', 'kubectl cp --help | head -1', 'kubectl port-forward --help | head -1',
  'kubectl create role pod-reader --verb=get,list --resource=pods --dry-run=client -o yaml', 'kubectl create clusterrole node-reader --verb=get --resource=nodes --dry-run=client',
  'kubectl create quota small --hard=pods=10,requests.cpu=2 --dry-run=client -o yaml', 'kubectl create priorityclass low --value=100 --dry-run=client',
  'kubectl create ingress web --rule="web.example.com/*=web:80,tls" --class=nginx --dry-run=client', 'kubectl create secret tls web-tls --cert=web.crt --key=web.key',
  'kubectl alpha', 'mkdir -p ~/k && kubectl create deploy web --image=nginx --dry-run=client -o yaml > ~/k/deploy.yaml',
  'printf "resources:\\n- deploy.yaml\\nnamePrefix: dev-\\n" > ~/k/kustomization.yaml', 'kubectl kustomize ~/k | head -5', 'kubectl apply -k ~/k --dry-run=client',
  'kubectl set selector svc kube-dns -n kube-system k8s-app=kube-dns --dry-run=client', 'kubectl set sa deploy coredns -n kube-system coredns --dry-run=client',
  'kubectl apply view-last-applied deploy/coredns -n kube-system', 'kubectl get deploy coredns -n kube-system -o yaml > /tmp/dns.yaml', 'kubectl apply set-last-applied -f /tmp/dns.yaml --create-annotation --dry-run=client',
  'kubectl apply edit-last-applied deploy/coredns -n kube-system', 'kubectl set subject rolebinding nope --user=alice',
  'kubectl auth reconcile -f /tmp/dns.yaml --dry-run=client', 'kubectl create -f /tmp/dns.yaml -l k8s-app=nope --edit --dry-run=client',
];

const NODE = [
  'uname -r', 'uname -a', 'hostname', 'uptime', 'nproc', 'free -m', 'df -h', 'df -i', 'cat /proc/meminfo | head -3', 'cat /proc/loadavg', 'cat /proc/cpuinfo | grep -m1 "model name"', 'grep -c processor /proc/cpuinfo',
  'lscpu | head -5', 'ps aux | head -5', 'ps -ef | head -3', 'top -b -n1 | head -5', 'ip a', 'ip route', 'systemctl status kubelet', 'systemctl status containerd', 'journalctl -u kubelet --no-pager | tail -5',
  'journalctl -u kubelet -n 20 --no-pager', 'dmesg | tail -5', 'dmesg -T | tail -3', 'crictl ps', 'crictl ps -a', 'crictl pods', 'crictl images', 'ls -la /etc/kubernetes', 'ls /var/log', 'cat /etc/os-release | head -2',
  'date', 'whoami', 'id', 'env | grep -c PATH', 'which crictl', 'echo $PATH', 'for f in /proc/loadavg /proc/uptime; do cat $f; done', 'cat /proc/loadavg > /tmp/load; cat /tmp/load', 'ls -la /root',
  'sudo crictl ps | head -2', 'curl -s 127.0.0.1:10248/healthz', 'iostat -x 1 1 | head -3', 'watch -n 2 uptime', 'journalctl -u kubelet -f', 'cat /var/lib/kubelet/config.yaml | head -3',
  'vmstat 1 2', 'du -sh /var/log', 'lsblk', 'mount | head -3', 'findmnt /', 'pgrep kubelet', 'lsof -i :10250', 'sysctl vm.overcommit_memory', 'ulimit -n', 'find /etc/kubernetes -name "*.yaml"', 'ss -tlnp',
  'ping -c1 10.96.0.10', 'dig kubernetes.default.svc.cluster.local', 'iptables -L -n | head -3', 'ctr -n k8s.io containers ls', 'systemctl list-units --failed', 'systemctl show kubelet -p ActiveState', 'systemctl cat kubelet',
  'journalctl --disk-usage', 'journalctl -p err -b --no-pager | tail -3', 'crictl info | head -3', 'crictl stats', 'crictl version', 'ps aux --sort=-%mem | head -3', 'cat /proc/pressure/memory', 'ls /var/log/pods',
  'ls /var/log/containers', 'cat /etc/resolv.conf', 'cat /etc/hosts', 'ls /etc/cni/net.d', 'cat /etc/containerd/config.toml | head -3',
];

const DEBUG = [
  'hostname', 'cat /etc/resolv.conf', 'cat /etc/hosts', 'env', 'ps', 'ps aux', 'id', 'whoami', 'ls /', 'ls -la /proc/1/root', 'cat /proc/1/environ | tr "\\0" "\\n" | head -3', 'nslookup kubernetes.default',
  'wget -qO- -T 2 http://kubernetes.default', 'nc -zv -w 2 kube-dns.kube-system 53', 'ip a', 'df -h', 'free -m', 'top -b -n1 | head -3', 'uptime', 'date', 'uname -a', 'echo $HOSTNAME',
  'for i in 1 2; do echo $i; done', 'cat /proc/meminfo | head -2', 'cat /sys/fs/cgroup/memory.max', 'cat /sys/fs/cgroup/memory.current', 'cat /sys/fs/cgroup/memory.events',
];

// A shell's `sh: tool: not found` at the start of a line; a registry's `…:5.2.0: not found` inside an event message is no refusal.
const REFUSAL = /command not found|is not available in this training environment|(^|\n)[\w./-]+: [\w./-]+: not found\n|No help topic|unknown command|unknown flag|unknown shorthand flag|doesn't have a resource type/;

/** What the sweep still finds refused, per place (tools a real host has that are not built yet). */
const KNOWN_MISSING: Record<string, string[]> = {
  laptop: [],
  node: [],
  debug: [],
};

function sweep(file: string): { lines: number; refused: Record<string, string[]>; outputs: Record<string, string> } {
  const s = Session.start(load(file));
  const refused: Record<string, string[]> = { laptop: [], node: [], debug: [] };
  const outputs: Record<string, string> = {};
  let lines = 0;
  const type = (place: string, line: string) => {
    const r = s.run(line);
    let out = r.output;
    if (r.following) { out += s.tick(s.now + 3000).output; out += s.interrupt().output; }
    if (s.pendingMs !== undefined) out += s.tick(s.now).output;
    lines++;
    if (REFUSAL.test(out) && !refused[place].includes(line)) refused[place].push(line);
    outputs[`${place}: ${line}`] = out;
  };
  for (const l of LAPTOP) type('laptop', l);
  const nodes = Object.keys(s.state.nodes);
  const cp = nodes.find((n) => s.state.nodes[n].metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined);
  for (const node of [nodes.find((n) => n !== cp)!, ...(cp ? [cp] : [])]) {
    s.run(`ssh ${node}`);
    for (const l of NODE) type('node', l);
    s.run('exit');
  }
  const pod = Object.values(s.state.pods).find((p) => p.status.phase === 'Running' && p.metadata.namespace !== 'kube-system');
  if (pod) {
    s.run(`kubectl debug -it ${pod.metadata.name} -n ${pod.metadata.namespace} --image=busybox:1.36 --target=${pod.spec.containers[0].name}`);
    for (const l of DEBUG) type('debug', l);
    s.run('exit');
  }
  return { lines, refused, outputs };
}

describe('habits sweep', () => {
  let total = 0;
  let refusedTotal = 0;
  it.each(files)('%s: only the known-missing tools are refused', (file) => {
    const r = sweep(file);
    total += r.lines;
    refusedTotal += Object.values(r.refused).flat().length;
    expect(r.refused).toEqual(KNOWN_MISSING);
  }, 120_000);
  it('prints the figure', () => {
    // eslint-disable-next-line no-console
    console.log(`habits sweep: ${total} lines typed, ${refusedTotal} refused where a real host would answer`);
    expect(total).toBeGreaterThan(400);
  });
});
