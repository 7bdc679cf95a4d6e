/**
 * Cluster presets: `cluster.preset: eks-1.31` supplies what every cluster of that kind has — the
 * server version, CPU models, the nodes' shared facts (OS, kernel, kubelet, runtime, size, disk),
 * system namespaces, system images, kube-proxy and CoreDNS, and for kubeadm-ha the control plane
 * with its three etcd members — so a scenario writes only its incident. The file overrides any of
 * it field by field (mergePreset). A new preset: one entry in PRESETS.
 */
import { didYouMean } from './check/suggest.ts';
import { editDistance } from '../grader/typos.ts';

/** One preset: what it is for, and the cluster fields it supplies (as a scenario file writes them). */
export interface Preset {
  description: string;
  cluster: Record<string, unknown>;
}

const icelake = {
  vendorId: 'GenuineIntel', modelName: 'Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz', family: 6, model: 106, stepping: 6,
  microcode: '0xd0003d1', mhz: 2900.0, cacheKb: 55296, bogomips: 5799.99, addressSizes: '46 bits physical, 48 bits virtual',
  flags: 'fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ss ht syscall nx pdpe1gb rdtscp lm constant_tsc rep_good nopl xtopology nonstop_tsc cpuid aperfmperf tsc_known_freq pni pclmulqdq ssse3 fma cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt tsc_deadline_timer aes xsave avx f16c rdrand hypervisor lahf_lm abm 3dnowprefetch invpcid_single ssbd ibrs ibpb stibp ibrs_enhanced fsgsbase tsc_adjust bmi1 avx2 smep bmi2 erms invpcid avx512f avx512dq rdseed adx smap avx512ifma clflushopt clwb avx512cd sha_ni avx512bw avx512vl xsaveopt xsavec xgetbv1 xsaves wbnoinvd ida arat avx512vbmi pku ospke avx512_vbmi2 gfni vaes vpclmulqdq avx512_vnni avx512_bitalg tme avx512_vpopcntdq rdpid md_clear flush_l1d arch_capabilities',
};
const epycNaples = {
  vendorId: 'AuthenticAMD', modelName: 'AMD EPYC 7571', family: 23, model: 1, stepping: 2, microcode: '0x800126e', mhz: 2199.998,
  cacheKb: 512, bogomips: 4399.99, addressSizes: '48 bits physical, 48 bits virtual',
  flags: 'fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ht syscall nx mmxext fxsr_opt pdpe1gb rdtscp lm constant_tsc rep_good nopl nonstop_tsc cpuid extd_apicid aperfmperf tsc_known_freq pni pclmulqdq ssse3 fma cx16 sse4_1 sse4_2 movbe popcnt aes xsave avx f16c rdrand hypervisor lahf_lm cmp_legacy cr8_legacy abm sse4a misalignsse 3dnowprefetch topoext perfctr_core vmmcall fsgsbase bmi1 avx2 smep bmi2 rdseed adx smap clflushopt sha_ni xsaveopt xsavec xgetbv1 clzero xsaveerptr arat npt nrip_save',
};

/** kube-proxy and CoreDNS as kubeadm and EKS run them on 1.31: images, the DaemonSet and the Deployment. */
const systemAddOns = {
  images: [
    {
      ref: 'registry.k8s.io/kube-proxy:v1.31.4', digest: 'sha256:b0b5e3b5d2e7c9f1a3b5c7d9e1f3a5b7c9d1e3f5a7b9c1d3e5f7a9b1c3d5e7f9', size: '30Mi',
      binary: '/usr/local/bin/kube-proxy', shell: true, cpu: '3m', memory: '22Mi',
      logs: [{ after: '0s', text: 'I0312 12:51:02.000000       1 server_linux.go:66] "Using iptables proxy"' }],
    },
    {
      ref: 'registry.k8s.io/coredns/coredns:v1.11.3', digest: 'sha256:9caabbf6238b189a65d0d6e6ac138de60d6a1c419e5a341fbbb7c78382559c6e', size: '18Mi',
      binary: '/coredns', shell: false, cpu: '4m', memory: '19Mi',
      logs: [{ after: '0s', text: '.:53' }, { after: '0s', text: 'CoreDNS-1.11.3' }, { after: '0s', text: 'linux/amd64, go1.21.11, a6338e9' }],
    },
  ],
  namespaces: ['default', 'kube-system'],
  daemonSets: [{ name: 'kube-proxy', namespace: 'kube-system', image: 'registry.k8s.io/kube-proxy:v1.31.4', requests: { cpu: '100m' } }],
  workloads: [{ name: 'coredns', namespace: 'kube-system', replicas: 2, image: 'registry.k8s.io/coredns/coredns:v1.11.3', ports: [53], requests: { cpu: '100m', memory: '70Mi' }, limits: { memory: '170Mi' } }],
};

/** `nodeDefaults` of an Ubuntu 22.04 pool on AWS in `region`, sized by `capacity` / `allocatable` (cpu, memory, pods, ephemeral-storage). */
const ubuntuAws = (region: string, capacity: string[], allocatable: string[], used: [string, number]) => {
  const q = ([cpu, memory, pods, storage]: string[]) => ({ cpu, memory, pods, 'ephemeral-storage': storage });
  return {
    osImage: 'Ubuntu 22.04.5 LTS', kernelRelease: '6.8.0-1021-aws', kernelBuild: '#23~22.04.1-Ubuntu SMP Tue Dec 10 16:50:46 UTC 2024',
    kubeletVersion: 'v1.31.4', containerRuntimeVersion: 'containerd://1.7.24', region, capacity: q(capacity), allocatable: q(allocatable),
    rootDisk: { device: '/dev/nvme0n1p1', size: '100G', used: used[0], inodes: 6553600, inodesUsed: used[1] }, labels: {},
  };
};

const etcdDisk = (name: string) => ({ name, mount: '/var/lib/etcd', size: '50G', fsyncP50: '1ms', fsyncP99: '4ms', writesPerSec: 210, writeKBps: 3150, writeMBps: 400, utilPct: 6 });
const cpNode = (i: number, zone: string) => ({ name: `cp-${i}`, ip: `10.0.1.${10 + i}`, zone, instanceType: 'm6i.xlarge', cpu: 'icelake', age: '180d', roles: ['control-plane'], disks: [etcdDisk('nvme1n1')] });

/** The presets by name. */
export const PRESETS: Record<string, Preset> = {
  'eks-1.31': {
    description: 'An EKS 1.31 managed node group in eu-west-1: m6i.xlarge nodes (4 vCPU, 16 GiB) on Ubuntu 22.04 with containerd, Ice Lake and EPYC CPU models, kube-proxy and CoreDNS. The file lists its own nodes.',
    cluster: {
      serverVersion: 'v1.31.4',
      cpuModels: { icelake, 'epyc-naples': epycNaples },
      nodeDefaults: ubuntuAws('eu-west-1', ['4', '16221392Ki', '58', '104845292Ki'], ['3920m', '15204560Ki', '58', '95551679124'], ['18G', 301442]),
      ...systemAddOns,
    },
  },
  'kubeadm-ha': {
    description: 'A kubeadm 1.31 cluster with a highly available control plane: three control-plane nodes cp-1..cp-3 (10.0.1.11-13) each running an etcd member on its own disk (/var/lib/etcd on nvme1n1), the API behind https://10.0.1.10:6443, Ubuntu 22.04 with containerd, kube-proxy and CoreDNS. The file adds its workers; a control-plane node listed in the file overrides the preset\'s field by field (a slow disk on cp-2, say).',
    cluster: {
      serverVersion: 'v1.31.4',
      cpuModels: { icelake },
      nodeDefaults: ubuntuAws('eu-central-1', ['4', '16203244Ki', '110', '101430960Ki'], ['4', '16100844Ki', '110', '93478772582'], ['19G', 318044]),
      nodes: [cpNode(1, 'eu-central-1a'), cpNode(2, 'eu-central-1b'), cpNode(3, 'eu-central-1c')],
      controlPlane: {
        endpoint: 'https://10.0.1.10:6443',
        etcd: { version: '3.5.15', leader: 'cp-1', liveBytes: '420Mi', historyBytes: '160Mi', dbSize: '1000Mi', revision: 31_204_118, raftTerm: 4, raftIndex: 40_118_262 },
      },
      ...systemAddOns,
    },
  },
};

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
/** The key a list item is known by (`name`, `ref`, `id`), if it has one. */
const keyOf = (v: unknown) => (isObject(v) ? (['name', 'ref', 'id'] as const).map((k) => v[k]).find((x) => typeof x === 'string') as string | undefined : undefined);

/**
 * The file's value laid over the preset's, field by field: objects merge key by key, lists of named
 * items (nodes, images, workloads, disks) merge item by item by name/ref/id with the preset's first,
 * lists of plain values (namespaces) are joined without repeats, and anything else the file sets wins.
 */
export function overlay(preset: unknown, file: unknown): unknown {
  if (file === undefined) return preset;
  // Where each merged item sits in the file's list (undefined: the preset's alone), for messages.
  const origin = (merged: unknown[], list: unknown[]) => {
    origins.set(merged, merged.map((x) => { const i = list.indexOf(x); return i >= 0 ? i : (keyOf(x) !== undefined ? indexByKey(list, keyOf(x)!) : undefined); }));
    return merged;
  };
  if (isObject(preset) && isObject(file)) {
    const out: Record<string, unknown> = { ...preset };
    for (const [k, v] of Object.entries(file)) out[k] = overlay(preset[k], v);
    return out;
  }
  if (Array.isArray(preset) && Array.isArray(file)) {
    if (preset.every((x) => keyOf(x) !== undefined) && file.every((x) => keyOf(x) !== undefined || !isObject(x))) {
      const fromFile = new Map(file.filter((x) => keyOf(x) !== undefined).map((x) => [keyOf(x)!, x]));
      const merged = preset.map((x) => (fromFile.has(keyOf(x)!) ? overlay(x, fromFile.get(keyOf(x)!)) : x));
      return origin([...merged, ...file.filter((x) => !preset.some((p) => keyOf(p) !== undefined && keyOf(p) === keyOf(x)))], file);
    }
    if ([...preset, ...file].every((x) => !isObject(x) && !Array.isArray(x))) return origin([...preset, ...file.filter((x) => !preset.includes(x))], file);
  }
  return file;
}

const origins = new WeakMap<unknown[], (number | undefined)[]>();
const indexByKey = (list: unknown[], key: string) => { const i = list.findIndex((x) => keyOf(x) === key); return i >= 0 ? i : undefined; };

/**
 * A path into the merged data as a path into the file: list positions translated to the file's, and
 * cut at an item only the preset has (the message then points at the list, or at what holds it).
 */
export function filePath(path: readonly (string | number)[], merged: unknown): (string | number)[] {
  const out: (string | number)[] = [];
  let cur = merged;
  for (const seg of path) {
    if (typeof seg === 'number' && Array.isArray(cur) && origins.has(cur)) {
      const at = origins.get(cur)![seg];
      if (at === undefined) return out;
      out.push(at);
    } else out.push(seg);
    cur = cur && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[seg] : undefined;
  }
  return out;
}

/** A problem with the preset field, located by path as the check locates every problem. */
export interface PresetProblem { path: (string | number)[]; message: string }

/**
 * The scenario data with `cluster.preset` applied and removed; unchanged when there is none. An
 * unknown preset is a problem (with the names that exist) and the data is left as written.
 */
export function applyPreset(data: unknown): { data: unknown; problems: PresetProblem[] } {
  if (!isObject(data) || !isObject(data.cluster) || data.cluster.preset === undefined) return { data, problems: [] };
  const { preset: name, ...cluster } = data.cluster;
  const names = Object.keys(PRESETS);
  const known = typeof name === 'string' && Object.hasOwn(PRESETS, name);
  // An unknown name is checked as the closest preset, so its one message is not buried under missing fields.
  const closest = known ? name : [...names].sort((a, b) => editDistance(String(name), a, 99) - editDistance(String(name), b, 99))[0];
  const merged = { ...data, cluster: overlay(PRESETS[closest].cluster, cluster) };
  if (!known) return { data: merged, problems: [{ path: ['cluster', 'preset'], message: `unknown preset ${JSON.stringify(name)} — ${typeof name === 'string' ? didYouMean(name, names) : `write one of: ${names.join(', ')}`}` }] };
  return { data: merged, problems: [] };
}
