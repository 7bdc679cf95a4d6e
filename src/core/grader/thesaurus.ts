/**
 * The domain thesaurus: words and phrases an engineer uses for one idea, reduced to one key, so a
 * claim's example phrasings match answers written in other words ("dies", "crashes", "exits" →
 * EXIT; "increasing delays", "exponential", "back-off" → BACKOFF). Single words are matched on
 * their lemma; phrases and command spellings on the text. Keys are upper case; any other content
 * word stands for itself (its lemma).
 */

/** One idea: its key, the single words (lemmas or plain forms) and the phrases (regex sources) that say it. */
interface Entry { key: string; words?: string[]; phrases?: string[] }

const ENTRIES: Entry[] = [
  // Process and container life
  { key: 'EXIT', words: ['exit', 'die', 'dead', 'crash', 'quit', 'terminate', 'terminated', 'dying', 'died', 'crashed', 'exited', 'crashing', 'exiting', 'termination'], phrases: ['fall(s|ing)? over', 'go(es)? down'] },
  { key: 'RESTART', words: ['restart', 'recreate', 'respawn', 'relaunch', 'restarted', 'restarting', 'restarts', 'rerun', 'reschedule', 'rescheduled', 'replace', 'replaced'], phrases: ['comes? back', 'brings? (it|them) back', 'start(s|ed)? (it|them)? ?again', 'start(s|ed)? over', 'spin(s)? up (a )?new'] },
  { key: 'BACKOFF', words: ['backoff', 'exponential', 'exponentially', 'crashloopbackoff'], phrases: ['back[- ]?off', 'backing off', '(increasing|growing|longer|doubling|rising) (delays?|waits?|pauses?|intervals?)', 'longer and longer', 'waits? longer', 'delays? (grows?|doubles?|increases?)'] },
  { key: 'KILL', words: ['kill', 'killed', 'sigkill', 'oomkill', 'oomkilled', 'killing'], phrases: ['signal 9', '\\bkill -9\\b'] },
  { key: 'SIGTERM', words: ['sigterm'], phrases: ['signal 15', 'graceful (shutdown|termination)'] },
  { key: 'OOM', words: ['oom', 'oomkilled', 'oomkill', 'oom-killed', 'oom-kill', 'oomkiller'], phrases: ['out of memory', 'oom[- ]?kill(ed|er)?', 'memory (cgroup )?kill'] },
  { key: 'MEMORY', words: ['memory', 'ram', 'heap', 'rss', 'mem'] },
  { key: 'LIMIT', words: ['limit', 'limits', 'cap', 'ceiling'] },
  { key: 'REQUEST', words: ['request', 'requests'] },
  { key: 'LOGS', words: ['log', 'logs', 'output', 'stdout', 'stderr', 'logging'], phrases: ['kubectl logs?'] },
  { key: 'PREVIOUS', words: ['previous', 'prior', 'earlier', 'last', 'crashed', 'dead', 'old', 'former'], phrases: ['--previous', '\\blogs? [^\\n.]{0,40}\\s-p\\b', '\\b-p\\b(?!=)'] },
  { key: 'DESCRIBE', words: ['describe'], phrases: ['kubectl describe'] },
  { key: 'EVENTS', words: ['event', 'events'], phrases: ['get events', 'kubectl events'] },
  { key: 'EXITCODE', words: ['exitcode'], phrases: ['exit (code|status|value)s?', 'return code', 'status code', 'exit(ed)? with \\d+'] },
  { key: 'SIGNAL', words: ['signal', 'signals', 'sig'], phrases: ['128 ?\\+ ?n', '128 ?\\+'] },
  { key: 'SEGV', words: ['segfault', 'sigsegv', 'segmentation'], phrases: ['\\b139\\b', 'seg(mentation)? ?fault'] },
  { key: 'SIGILL', words: ['sigill'], phrases: ['illegal instr(uction)?s?', 'invalid opcodes?', 'unsupported instructions?', 'bad instructions?'] },
  // The exit code is evidence of SIGILL, not the name of it: "exit 132" alone does not say what the CPU refused.
  { key: 'N132', phrases: ['\\b132\\b', '128 ?\\+ ?4'] },
  { key: 'N137', phrases: ['\\b137\\b', '128 ?\\+ ?9'] },
  { key: 'APPERROR', phrases: ['\\b(exit|code|status) ?(code )?(is |was |of |= ?)?1\\b', '\\b1 (is|=|means)? ?(an? )?(app|application|generic)', '(app|application)(lication)? (error|failure|fails|bug)'] },
  { key: 'LASTSTATE', phrases: ['last ?state', 'last termination', 'lastState', 'how (the last|it) (run|container|one)? ?ended', 'why (the last|it) (run|container)? ?(ended|stopped|died)', 'terminated reason'] },
  { key: 'POD', words: ['pod', 'pods', 'po', 'replica', 'replicas', 'instance', 'instances'] },
  { key: 'CONTAINER', words: ['container', 'containers', 'process', 'app', 'application', 'service', 'binary', 'program'] },
  { key: 'NODE', words: ['node', 'nodes', 'machine', 'machines', 'host', 'hosts', 'server', 'servers', 'instance', 'vm', 'vms', 'box', 'worker'] },
  { key: 'KUBELET', words: ['kubelet', 'kubernetes', 'k8s', 'kube'] },
  { key: 'DELETE', words: ['delete', 'deleting', 'remove', 'kill', 'nuke', 'destroy', 'evict'] },
  { key: 'COUNT', words: ['count', 'counts', 'number', 'many', 'much', 'often', 'frequency'], phrases: ['how (many|often)'] },
  { key: 'WHICH', phrases: ['which (pods?|ones?|nodes?|machines?)', 'what pods', 'how many (pods?|are)'] },
  { key: 'GETPODS', phrases: ['get (pods?|po)\\b', 'list(ing)? (the )?([\\w-]+ ){0,2}pods', 'kubectl get p'] },
  { key: 'DIAGNOSE', words: ['diagnose', 'diagnosis', 'understand', 'investigate', 'evidence', 'triage'], phrases: ['root cause', 'find out why', 'know why'] },
  { key: 'CHANGE', words: ['change', 'touch', 'modify', 'fix', 'alter', 'edit', 'restart', 'delete', 'mutate', 'patch'] },
  { key: 'BEFORE', words: ['before', 'first', 'until', 'prior'] },
  { key: 'CPU', words: ['cpu', 'cpus', 'processor', 'processors', 'chip', 'silicon'] },
  { key: 'HARDWARE', words: ['hardware', 'physical', 'metal', 'silicon', 'firmware'] },
  { key: 'KERNEL', words: ['kernel', 'dmesg', 'syslog'], phrases: ['journalctl -k', 'ring buffer', 'kern\\.log'] },
  { key: 'RUNTIME', words: ['containerd', 'crictl', 'cri', 'runtime', 'runc', 'docker', 'cri-o'], phrases: ['container runtime'] },
  { key: 'JOURNAL', words: ['journalctl', 'journal', 'systemd'] },
  { key: 'SSH', words: ['ssh', 'login', 'shell'], phrases: ['log (in|on)(to)?', 'on the (node|box|machine|host)', 'onto the (node|box|machine|host)'] },
  { key: 'INODE', words: ['inode', 'inodes'], phrases: ['df -i'] },
  { key: 'DISK', words: ['disk', 'disks', 'storage', 'filesystem', 'volume', 'space', 'df'], phrases: ['df -h'] },
  { key: 'COMPARE', words: ['compare', 'comparison', 'diff', 'contrast', 'side-by-side', 'versus', 'vs', 'difference', 'differ', 'different'], phrases: ['side by side', 'against (a|the) (healthy|good|working)'] },
  { key: 'HEALTHY', words: ['healthy', 'working', 'good', 'fine', 'ok', 'normal', 'unaffected'] },
  { key: 'BROKEN', words: ['broken', 'bad', 'faulty', 'failing', 'sick', 'affected', 'crashing', 'unhealthy'] },
  { key: 'CONDITION', words: ['condition', 'conditions', 'memorypressure', 'diskpressure', 'pidpressure', 'pressure'] },
  { key: 'TAINT', words: ['taint', 'taints', 'tainted', 'noschedule', 'noexecute'] },
  { key: 'READY', words: ['ready', 'notready'] },
  { key: 'HEARTBEAT', words: ['heartbeat', 'heartbeating', 'heartbeats', 'report', 'reports', 'reporting', 'lease', 'alive', 'ping'], phrases: ['checks? in', 'reports? in', 'talks? to the api', 'posts? status'] },
  { key: 'AVX', words: ['avx', 'avx512', 'avx-512', 'avx2', 'avx512f', 'simd', 'sse', 'vector'], phrases: ['avx-?512\\w*', 'avx2', 'cpu (flags?|features?|extensions?)', 'instruction[- ]set( extensions?)?', '\\bisa\\b'] },
  { key: 'MARCH', words: ['-march', 'march', 'mtune', 'compiler', 'compile', 'compiled', 'build', 'built', 'gcc', 'clang'], phrases: ['-march=native', 'march=native', 'native build', 'compiler flags?', 'build flags?'] },
  { key: 'CPUINFO', words: ['cpuinfo', 'lscpu'], phrases: ['/proc/cpuinfo', 'cpu flags', 'flags line', 'model name'] },
  { key: 'MIXED', words: ['mixed', 'heterogeneous', 'heterogenous', 'mix', 'different', 'varied', 'amd', 'intel', 'epyc', 'xeon'], phrases: ['different (cpu|instance|hardware|generation|vendor)s?', 'older (cpu|generation|hardware)'] },
  { key: 'GENERATION', words: ['generation', 'generations', 'family', 'families', 'model', 'vendor'] },
  { key: 'CORDON', words: ['cordon', 'cordoned', 'cordoning', 'unschedulable'] },
  { key: 'DRAIN', words: ['drain', 'drained', 'draining'] },
  { key: 'AFFINITY', words: ['affinity', 'nodeaffinity', 'nodeselector', 'selector', 'toleration'], phrases: ['node ?affinity', 'node ?selector', 'node selector'] },
  { key: 'BASELINE', words: ['baseline', 'portable', 'generic'], phrases: ['x86-64-v[1-4]', 'x86_64-v[1-4]', 'runtime dispatch', 'dispatch(es|ing)? (on|at) run ?time', 'function multi-?versioning', 'lowest common'] },
  { key: 'INSTANCETYPE', words: ['instance', 'launch'], phrases: ['instance[- ]types?', 'launch template', 'node ?groups?', 'node ?pools?', 'auto ?scaling groups?', '\\basg\\b', 'karpenter', 'machine types?'] },
  { key: 'LABEL', words: ['label', 'labels', 'labelled', 'labeled', 'tag', 'tagged'] },
  { key: 'NFD', words: ['nfd'], phrases: ['node[- ]feature[- ]discovery', 'feature\\.node\\.kubernetes\\.io', 'feature discovery'] },
  { key: 'DAEMONSET', words: ['daemonset', 'daemonsets'], phrases: ['daemon ?sets?'] },
  { key: 'SPOT', words: ['spot', 'preemptible', 'shortage', 'capacity', 'substitute', 'substitution'] },
  { key: 'BELOW', words: ['below', 'beneath', 'beyond', 'underneath', 'under', 'lower', 'deeper', 'underlying', 'infrastructure', 'infra'], phrases: ['lower[- ]level', 'under the hood'] },
  { key: 'LAYER', words: ['layer', 'layers', 'layered', 'level', 'levels'], phrases: ['defen[cs]e in depth'] },
  { key: 'ASSUME', words: ['assume', 'assumption', 'assumptions', 'assumed', 'presume', 'believe', 'believed', 'expect', 'expected', 'trust', 'trusted'], phrases: ['took? for granted', 'taken for granted', 'supposed to'] },
  { key: 'IDENTICAL', words: ['identical', 'same', 'uniform', 'homogeneous', 'equal', 'interchangeable', 'alike'] },
  { key: 'CHANGED', phrases: ['what changed', 'recent(ly)? change', 'what was different', 'what.s new', 'changed recently', 'what happened (just )?before'] },
  { key: 'SCALEUP', words: ['scale-up', 'autoscaler', 'autoscale', 'autoscaling'], phrases: ['scale[- ]?up', 'scaled up', 'new node', 'added (a )?node'] },
  { key: 'POSTMORTEM', words: ['postmortem', 'post-mortem', 'playbook', 'runbook', 'checklist', 'retro', 'retrospective', 'blameless'], phrases: ['action items?', 'post[- ]?mortem', 'post-incident'] },
  { key: 'APPROVAL', words: ['approve', 'approval', 'approved', 'approves', 'sign-off', 'signoff'], phrases: ['sign(ed)? off'] },
  { key: 'MONITOR', words: ['monitor', 'monitoring', 'alert', 'alerts', 'alerting', 'dashboard', 'dashboards', 'observability', 'metric', 'metrics'] },
  { key: 'LUCK', words: ['luck', 'freak', 'fluke', 'rare', 'unlucky', 'one-off', 'coincidence'], phrases: ['one[- ]off', 'bad luck', 'once in a'] },
  { key: 'COMBINATION', words: ['combination', 'intersection', 'interaction', 'together', 'combine', 'combined', 'both'], phrases: ['two (normal|ordinary|harmless|innocent)', 'neither (alone|on its own|by itself)', 'on (its|their) own'] },
  { key: 'MORE', words: ['more', 'increase', 'raise', 'bump', 'higher', 'bigger', 'add', 'double', 'extra', 'grow'] },
  { key: 'LESS', words: ['less', 'fewer', 'reduce', 'lower', 'decrease', 'shrink', 'smaller', 'cut'] },
  { key: 'REBOOT', words: ['reboot', 'rebooting', 'restart', 'power-cycle', 'bounce'] },
  { key: 'TICKET', words: ['ticket', 'complain', 'escalate', 'support'], phrases: ['contact (aws|the (cloud )?provider|support)', 'open a case'] },
  { key: 'PROVIDER', words: ['provider', 'aws', 'gcp', 'azure', 'cloud', 'ec2', 'vendor'] },
  { key: 'CODEBUG', phrases: ['(bug|error|defect) in (the )?(code|application|app)', '(code|application|app) (bug|crash|defect)', 'developers? (need|should|must)'] },
  // Probes and rollouts
  { key: 'LIVENESS', words: ['liveness', 'livenessprobe'] },
  { key: 'READINESS', words: ['readiness', 'readinessprobe'] },
  { key: 'STARTUP', words: ['startup', 'startupprobe', 'start-up'] },
  { key: 'PROBE', words: ['probe', 'probes', 'healthcheck', 'health-check'], phrases: ['health ?checks?'] },
  { key: 'ROLLBACK', words: ['rollback', 'undo', 'revert', 'rolled-back'], phrases: ['roll(ed|ing)? ?back', 'rollout undo', 'previous (revision|version|release)'] },
  { key: 'ROLLOUT', words: ['rollout', 'deploy', 'deployment', 'release', 'revision'], phrases: ['roll(ing)? ?out'] },
  { key: 'CONFIG', words: ['config', 'configuration', 'configmap', 'env', 'environment', 'variable', 'variables', 'setting', 'settings', 'secret'] },
  { key: 'DISTROLESS', words: ['distroless', 'scratch'], phrases: ['no shell', 'without a shell', 'no sh\\b', 'minimal image'] },
  { key: 'DEBUG', words: ['debug', 'ephemeral', 'sidecar'], phrases: ['kubectl debug', 'ephemeral containers?', 'debug containers?'] },
  { key: 'DNS', words: ['dns', 'coredns', 'nslookup', 'resolve', 'resolution', 'nxdomain', 'hostname'] },
  // Memory
  { key: 'SPIKE', words: ['spike', 'spikes', 'spiky', 'burst', 'bursts', 'peak', 'peaks', 'blip'], phrases: ['short[- ]lived (peak|jump|rise)'] },
  { key: 'LEAK', words: ['leak', 'leaking', 'leaks', 'leaky'] },
  { key: 'CACHE', words: ['cache', 'caches', 'caching', 'cached', 'buffer'] },
  { key: 'GC', words: ['gc', 'garbage'], phrases: ['garbage collect(ion|or)?'] },
  { key: 'PRESTOP', words: ['prestop'], phrases: ['pre-?stop( hook)?'] },
  { key: 'HEAPDUMP', phrases: ['heap ?dumps?', 'gc\\.heap_dump', 'jcmd', 'core ?dumps?', 'heapdumponoutofmemory'] },
  { key: 'EVICT', words: ['evict', 'evicted', 'eviction', 'evictions', 'evicting'] },
  { key: 'QOS', words: ['qos', 'besteffort', 'burstable', 'guaranteed'], phrases: ['quality of service', 'qos class'] },
  { key: 'PRESSURE', words: ['pressure', 'memorypressure'] },
  { key: 'CGROUP', words: ['cgroup', 'cgroups', 'memcg'] },
  // Disruption budgets
  { key: 'PDB', words: ['pdb', 'pdbs', 'poddisruptionbudget', 'poddisruptionbudgets', 'budget', 'budgets'], phrases: ['disruption budgets?', 'pod disruption budgets?'] },
  { key: 'MINAVAILABLE', words: ['minavailable', 'maxunavailable'], phrases: ['min ?available', 'max ?unavailable'] },
  { key: 'ALLOWED', phrases: ['allowed disruptions?', 'disruptions?[ _]?allowed'] },
  { key: 'MAXSURGE', words: ['maxsurge', 'surge'], phrases: ['max ?surge'] },
  // etcd
  { key: 'ETCD', words: ['etcd', 'etcdctl'] },
  { key: 'FASTDISK', words: ['ssd', 'ssds', 'nvme', 'io2', 'gp3', 'iops'], phrases: ['fast(er)? (disks?|storage|volumes?)', 'provisioned iops', 'local (disk|nvme|ssd)s?'] },
  { key: 'FSYNC', words: ['fsync', 'fsynced', 'fsyncs', 'fsyncing', 'fdatasync', 'wal', 'sync', 'synced', 'flush', 'flushed'], phrases: ['write-ahead log', 'wal fsync'] },
  { key: 'LEADER', words: ['leader', 'leadership'] },
  { key: 'MOVELEADER', phrases: ['move-?leader', 'move (the )?leader(ship)?', 'transfer(s|red|ring)? (the )?leader(ship)?', 'leader(ship)? transfer'] },
  { key: 'MEMBER', words: ['member', 'members', 'peer', 'peers', 'replica', 'voter', 'voters'] },
  { key: 'QUORUM', words: ['quorum', 'majority', 'acknowledgement', 'acknowledgements', 'ack', 'acks', 'consensus', 'raft'] },
  { key: 'LATENCY', words: ['latency', 'slow', 'slowness', 'delay', 'lag', 'seconds', 'sluggish'] },
  { key: 'ALARM', words: ['alarm', 'alarms', 'nospace'] },
  { key: 'DISARM', words: ['disarm', 'clear', 'clears', 'dismiss'] },
  { key: 'COMPACT', words: ['compact', 'compaction', 'compacted', 'compacting'] },
  { key: 'DEFRAG', words: ['defrag', 'defragment', 'defragmentation', 'defragmenting'] },
  // RBAC's objects in every spelling people use: plurals the language model does not lemmatise, spaced words, abbreviations.
  { key: 'CLUSTERROLEBINDING', words: ['clusterrolebinding', 'clusterrolebindings', 'crb', 'crbs'], phrases: ['cluster[- ]?role[- ]?bindings?'] },
  { key: 'ROLEBINDING', words: ['rolebinding', 'rolebindings'], phrases: ['(?<!cluster[- ]?)role[- ]?bindings?'] },
  { key: 'CLUSTERROLE', words: ['clusterrole', 'clusterroles'], phrases: ['cluster[- ]?roles?(?![- ]?bindings?)'] },
  { key: 'NAMESPACE', words: ['namespace', 'namespaces'] },
  // kubectl's question to the authorizer: without a key of its own, "verify with can-i" would reduce to "verify".
  { key: 'CANI', phrases: ['\\bcan-i\\b'] },
  // The namespace name ci-cd: the language model drops "cd", which would leave any mention of CI saying it.
  { key: 'CICD', phrases: ['\\bci-cd\\b'] },
  // One role, not the words cluster and admin: "my admin access to the cluster" is not a grant of cluster-admin.
  { key: 'CLUSTERADMIN', phrases: ['cluster[- ]?admin'] },
  { key: 'QUOTA', words: ['quota', 'quota-backend-bytes'], phrases: ['backend quota', 'space quota', 'quota-backend-bytes'] },
];

const WORD = new Map<string, string[]>();
const PHRASES: { key: string; re: RegExp; hint: string }[] = [];
/** The longest run of plain letters a regex source must contain, lower-cased ('' when none is certain). */
function literalHint(source: string): string {
  // Only sources without alternation at the top level or optional groups before the run are safe.
  if (/[|?*]/.test(source.replace(/\([^)]*\)[?*]?/g, '').replace(/\\[bBsSdDwW]/g, ''))) return '';
  const plain = source.replace(/\([^)]*\)[?*]?/g, ' ').replace(/\[[^\]]*\]/g, ' ').replace(/\\[bBsSdDwW]/g, ' ').replace(/\\(.)/g, '$1');
  return (plain.toLowerCase().match(/[a-z0-9_-]{3,}/g) ?? []).sort((a, b) => b.length - a.length)[0] ?? '';
}
for (const e of ENTRIES) {
  for (const w of e.words ?? []) WORD.set(w, [...(WORD.get(w) ?? []), e.key]);
  for (const p of e.phrases ?? []) PHRASES.push({ key: e.key, re: new RegExp(p.startsWith('\\b') || p.startsWith('-') || p.startsWith('/') ? p : `\\b${p}`, 'gi'), hint: literalHint(p) });
}

/** The keys a word says (by its lemma first, then its lower-cased form); [] when the thesaurus has none. */
export function wordKeys(lemma: string, lower: string): string[] {
  return WORD.get(lemma) ?? WORD.get(lower) ?? [];
}

/** Phrase and command spellings in a text, each with its key and character span. */
export function phraseKeys(text: string): { key: string; start: number; end: number }[] {
  const out: { key: string; start: number; end: number }[] = [];
  const lower = text.toLowerCase();
  for (const { key, re, hint } of PHRASES) {
    // Most phrases cannot be in a given answer: skip the regex when its first literal is absent.
    if (hint && !lower.includes(hint)) continue;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      out.push({ key, start: m.index, end: m.index + m[0].length });
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  return out;
}

/** Every single word the thesaurus knows, for typo correction. */
export function thesaurusWords(): Iterable<string> {
  return WORD.keys();
}
