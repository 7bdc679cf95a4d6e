/**
 * The fixed command mix the core bench times: what a learner types while working the sigill-node
 * incident, in order (laptop → ssh to the faulty node → node tools → exit → laptop again), plus a
 * typo and an unknown command. Lines that need a pod name take the first CrashLoopBackOff pod on
 * the faulty node, found in the built state, so the mix follows the scenario if names change.
 */
export const FAULTY_NODE = 'ip-10-42-3-208';
/** A healthy node's InternalIP in the same subnet, for `ping` from the faulty node. */
const NEIGHBOUR_IP = '10.42.3.12';

/** The mix for a given crashing pod (`production` namespace); 50+ lines. */
export function commandMix(pod: string): string[] {
  const ns = '-n production';
  return [
    // Laptop: the first look.
    `kubectl get pods ${ns}`,
    'kubectl get pods -A',
    'kubectl get nodes',
    'kubectl get nodes -o wide',
    `kubectl get pods ${ns} -o wide`,
    `kubectl get pod ${pod} ${ns} -o yaml`,
    `kubectl get pod ${pod} ${ns} -o json`,
    "kubectl get nodes -o jsonpath='{.items[*].metadata.name}'",
    `kubectl get pods ${ns} -o jsonpath='{range .items[*]}{.metadata.name}{"\\t"}{.spec.nodeName}{"\\n"}{end}'`,
    `kubectl describe pod ${pod} ${ns}`,
    `kubectl describe node ${FAULTY_NODE}`,
    `kubectl logs ${pod} ${ns} --previous`,
    `kubectl get events ${ns}`,
    'kubectl get events -A --sort-by=.lastTimestamp',
    'kubectl top nodes',
    `kubectl top pods ${ns}`,
    'kubectl get pods -A | grep CrashLoopBackOff',
    'kubectl get pods -A | wc -l',
    "kubectl get nodes | awk '{print $1}'",
    'kubectl gett pods',
    'frobnicate --now',
    'kubectl get nodes --show-labels',
    `kubectl get pods ${ns} -o wide | grep ${FAULTY_NODE}`,
    // On the faulty node.
    `ssh ${FAULTY_NODE}`,
    'dmesg -T | tail',
    "dmesg | grep -i 'invalid opcode'",
    'journalctl -u kubelet -n 50 --no-pager',
    'journalctl -u kubelet --no-pager | tail -20',
    'crictl ps -a',
    'crictl ps -a | grep ledger',
    'crictl images',
    'df -h',
    'df -i',
    'cat /proc/cpuinfo | grep flags | head -1',
    'grep -c avx512f /proc/cpuinfo',
    'lscpu',
    'lscpu | grep -i flags',
    'free -m',
    'ps aux',
    'ps aux | wc -l',
    'uname -a',
    'cat /etc/os-release',
    'hostname',
    'uptime',
    'systemctl status kubelet --no-pager',
    // The node toolbox of issue 12: disks, sockets, the network, files.
    'du -sh /var/lib/containerd/*',
    'du -sh /var/log',
    'ss -tanp',
    'ss -tlnp',
    'lsof -nP -i',
    'lsof -p 1',
    `ping -c3 ${NEIGHBOUR_IP}`,
    'dig kubernetes.default.svc.cluster.local',
    "find / -name kubelet",
    "find /var/log -name '*.log'",
    'iptables -L -n -v',
    'iptables -t nat -L KUBE-SERVICES -n',
    'iptables-save | grep -c KUBE-SEP',
    'kubectl get pods',
    'exit',
    // Back on the laptop: confirm and compare.
    `kubectl describe pod ${pod} ${ns} | grep -A5 'Last State'`,
    `kubectl get events ${ns} --field-selector involvedObject.name=${pod}`,
    `kubectl top pods ${ns} --sort-by=cpu`,
    `kubectl get pods ${ns} -o json | wc -l`,
    "kubectl get nodes --show-labels | awk '{print $1, $2}'",
    `kubectl logs ${pod} ${ns} --tail=20`,
    'kubectl get pods -A -o wide | grep -v Running',
  ];
}
