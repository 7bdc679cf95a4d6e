/**
 * Kustomization directories built both by the simulator and by the real kubectl 1.33
 * (tests/real-kubectl/kustomize.test.ts): each case is a set of files under the learner's home,
 * and the directory to build. Written as a learner would, not in kustomize's own output order.
 */
export interface KustomizeCase {
  name: string;
  files: Record<string, string>;
  /** The directory `kubectl kustomize` is given, relative to the case root. */
  dir: string;
}

const deployment = (name: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 1
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: ${name}
        image: nginx:1.25
${extra}`;

const service = (name: string) => `kind: Service
apiVersion: v1
metadata:
  name: ${name}
spec:
  selector:
    app: ${name}
  ports:
  - port: 80
    targetPort: 8080
`;

export const KUSTOMIZE_CASES: KustomizeCase[] = [
  {
    name: 'namespace, prefix, suffix, commonLabels and a generated ConfigMap the Deployment refers to',
    dir: 'app',
    files: {
      'app/kustomization.yaml': `resources:
- deployment.yaml
- service.yaml
namespace: shop
namePrefix: dev-
nameSuffix: -v2
commonLabels:
  team: payments
commonAnnotations:
  owner: "alice@example.com"
configMapGenerator:
- name: web-config
  literals:
  - LOG_LEVEL=debug
  - PORT=8080
`,
      'app/deployment.yaml': deployment('web', `        envFrom:
        - configMapRef:
            name: web-config
        env:
        - name: LEVEL
          valueFrom:
            configMapKeyRef:
              name: web-config
              key: LOG_LEVEL
        volumeMounts:
        - name: conf
          mountPath: /etc/web
      volumes:
      - name: conf
        configMap:
          name: web-config
`),
      'app/service.yaml': service('web'),
    },
  },
  {
    name: 'labels with and without selectors, templates',
    dir: 'labels',
    files: {
      'labels/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
- app.yaml
labels:
- pairs:
    env: prod
- pairs:
    tier: web
  includeSelectors: true
- pairs:
    release: r1
  includeTemplates: true
`,
      'labels/app.yaml': `${deployment('api')}---
${service('api')}`,
    },
  },
  {
    name: 'images by name: new name, new tag, digest; replicas',
    dir: 'img',
    files: {
      'img/kustomization.yaml': `resources:
- workloads.yaml
images:
- name: nginx
  newTag: "1.27"
- name: busybox
  newName: registry.internal:5000/tools/busybox
- name: redis
  digest: sha256:${'a'.repeat(64)}
replicas:
- name: cache
  count: 3
- name: web
  count: 5
`,
      'img/workloads.yaml': `${deployment('web', `      initContainers:
      - name: init
        image: busybox:1.36
        command: ["sh", "-c", "true"]
`)}---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: cache
spec:
  serviceName: cache
  replicas: 1
  selector:
    matchLabels:
      app: cache
  template:
    metadata:
      labels:
        app: cache
    spec:
      containers:
      - name: redis
        image: redis:7
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: report
            image: busybox
            args: ["echo", "hello"]
`,
    },
  },
  {
    name: 'strategic merge and JSON 6902 patches, inline and from files, with targets',
    dir: 'patch',
    files: {
      'patch/kustomization.yaml': `resources:
- deployment.yaml
- service.yaml
patches:
- path: more-memory.yaml
- path: port.json
  target:
    kind: Service
    name: web
- target:
    kind: Deployment
    labelSelector: app=web
  patch: |-
    - op: add
      path: /spec/template/spec/containers/0/args
      value: ["--verbose"]
    - op: replace
      path: /spec/replicas
      value: 4
- patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      labels:
        patched: "true"
    spec:
      template:
        spec:
          containers:
          - name: sidecar
            image: envoyproxy/envoy:v1.30.1
`,
      'patch/deployment.yaml': deployment('web', `        resources:
          limits:
            memory: 128Mi
`).replace('  name: web\nspec', '  name: web\n  labels:\n    app: web\nspec'),
      'patch/service.yaml': service('web'),
      'patch/more-memory.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: web
        resources:
          limits:
            memory: 512Mi
          requests:
            cpu: 250m
`,
      'patch/port.json': '[{"op": "replace", "path": "/spec/ports/0/port", "value": 8443}, {"op": "remove", "path": "/spec/ports/0/targetPort"}]\n',
    },
  },
  {
    name: 'generators: files, envs, secrets, generatorOptions',
    dir: 'gen',
    files: {
      'gen/kustomization.yaml': `generatorOptions:
  labels:
    generated: "yes"
  annotations:
    note: from kustomize
configMapGenerator:
- name: files
  files:
  - app.properties
  - custom-key=nginx.conf
- name: env
  envs:
  - app.env
secretGenerator:
- name: creds
  literals:
  - username=admin
  - password=s3cr3t!
- name: tls
  type: kubernetes.io/tls
  files:
  - tls.crt
  - tls.key
`,
      'gen/app.properties': 'color=blue\nsize: large\n',
      'gen/nginx.conf': 'server {\n  listen 80;\n}\n',
      'gen/app.env': '# comment\nA=1\nB=hello world\n\nC="quoted"\n',
      'gen/tls.crt': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
      'gen/tls.key': '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n',
    },
  },
  {
    name: 'no hash suffix, and a secret the pod mounts',
    dir: 'nohash',
    files: {
      'nohash/kustomization.yaml': `resources:
- pod.yaml
namePrefix: x-
generatorOptions:
  disableNameSuffixHash: true
secretGenerator:
- name: token
  literals:
  - token=abc
`,
      'nohash/pod.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: client
spec:
  containers:
  - name: c
    image: busybox:1.36
    env:
    - name: TOKEN
      valueFrom:
        secretKeyRef:
          name: token
          key: token
  volumes:
  - name: t
    secret:
      secretName: token
`,
    },
  },
  {
    name: 'an overlay on a base in a sibling directory, both renaming',
    dir: 'overlays/prod',
    files: {
      'base/kustomization.yaml': `resources:
- deployment.yaml
- service.yaml
namePrefix: base-
commonLabels:
  app.kubernetes.io/name: web
configMapGenerator:
- name: settings
  literals:
  - MODE=base
`,
      'base/deployment.yaml': deployment('web', `        envFrom:
        - configMapRef:
            name: settings
`),
      'base/service.yaml': service('web'),
      'overlays/prod/kustomization.yaml': `resources:
- ../../base
- hpa.yaml
namespace: prod
namePrefix: prod-
patches:
- patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: base-web
    spec:
      replicas: 3
`,
      'overlays/prod/hpa.yaml': `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: base-web
  minReplicas: 3
  maxReplicas: 10
  metrics:
  - type: Resource
    resource:
      name: cpu
      target:
        type: Utilization
        averageUtilization: 70
`,
    },
  },
  {
    name: 'legacy resource order across many kinds',
    dir: 'order',
    files: {
      'order/kustomization.yaml': `resources:
- all.yaml
- ns.yaml
`,
      'order/all.yaml': `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: check
webhooks: []
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: web
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web
            port:
              number: 80
---
apiVersion: v1
kind: Service
metadata:
  name: b
spec:
  ports:
  - port: 1
---
apiVersion: v1
kind: Service
metadata:
  name: a
spec:
  ports:
  - port: 2
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: read
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: read
subjects:
- kind: ServiceAccount
  name: bot
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: read
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list"]
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: bot
---
apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: m
        image: busybox:1.36
`,
      'order/ns.yaml': `apiVersion: v1
kind: Namespace
metadata:
  name: shop
`,
    },
  },
  {
    name: 'scalars kustomize quotes, folds or leaves plain',
    dir: 'scalars',
    files: {
      'scalars/kustomization.yml': `resources:
- cm.yaml
`,
      'scalars/cm.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: scalars
  annotations:
    empty: ""
    long: "${'word '.repeat(30).trim()}"
data:
  a: "1"
  b: "true"
  c: "yes"
  d: "on"
  e: "1.5"
  f: "0x1F"
  g: "2024-01-01"
  h: "12:30"
  i: "key: value"
  j: "- item"
  k: "#comment"
  l: "multi\\nline\\n"
  m: "trailing  "
  n: "null"
  o: "~"
  p: "it's"
  q: "@at"
  r: "plain text"
  s: "tab\\there"
  t: "1e3"
  u: "*star"
  v: "y"
  w: "no trailing newline\\nsecond"
`,
    },
  },
  {
    name: 'a Kustomization file, a sub-directory resource and a namespace on cluster-scoped kinds',
    dir: 'top',
    files: {
      'top/Kustomization': `namespace: team-a
nameSuffix: -x
resources:
- sub
- crb.yaml
`,
      'top/sub/kustomization.yaml': `resources:
- sa.yaml
`,
      'top/sub/sa.yaml': `apiVersion: v1
kind: ServiceAccount
metadata:
  name: runner
`,
      'top/crb.yaml': `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: runner-view
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
subjects:
- kind: ServiceAccount
  name: runner
  namespace: default
`,
    },
  },
  {
    name: 'commonLabels reach a Job template, a CronJob, a StatefulSet and a NetworkPolicy selector',
    dir: 'deep',
    files: {
      'deep/kustomization.yaml': `commonLabels:
  app: shop
resources:
- r.yaml
`,
      'deep/r.yaml': `apiVersion: batch/v1
kind: Job
metadata:
  name: once
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: m
        image: busybox:1.36
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
          - name: m
            image: busybox:1.36
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny
spec:
  podSelector: {}
  policyTypes: ["Ingress"]
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  selector:
    matchLabels:
      role: db
  template:
    metadata:
      labels:
        role: db
    spec:
      containers:
      - name: db
        image: postgres:16
`,
    },
  },
  {
    name: 'legacy fields: bases, patchesStrategicMerge, patchesJson6902; two new containers and a deleted one',
    dir: 'legacy/overlay',
    files: {
      'legacy/base/kustomization.yaml': `resources:
- deployment.yaml
configMapGenerator:
- name: settings
  literals:
  - MODE=base
  - LEVEL=info
`,
      'legacy/base/deployment.yaml': deployment('web', `      - name: old-sidecar
        image: busybox:1.36
`),
      'legacy/overlay/kustomization.yaml': `bases:
- ../base
namePrefix: stage-
patchesStrategicMerge:
- containers.yaml
patchesJson6902:
- target:
    group: apps
    version: v1
    kind: Deployment
    name: web
  path: replicas.yaml
configMapGenerator:
- name: settings
  behavior: merge
  literals:
  - MODE=stage
  - EXTRA=1
`,
      'legacy/overlay/containers.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: first
        image: alpine:3.20
      - name: second
        image: alpine:3.20
      - name: old-sidecar
        $patch: delete
`,
      'legacy/overlay/replicas.yaml': `- op: replace
  path: /spec/replicas
  value: 2
`,
    },
  },
  {
    name: 'a generator replacing its base\'s data, a namespaced generator, and a prefix on a Namespace',
    dir: 'repl/overlay',
    files: {
      'repl/base/kustomization.yaml': `configMapGenerator:
- name: flags
  literals:
  - A=1
  - B=2
`,
      'repl/overlay/kustomization.yaml': `resources:
- ../base
- ns.yaml
namePrefix: p-
configMapGenerator:
- name: flags
  behavior: replace
  literals:
  - C=3
- name: local
  namespace: elsewhere
  literals:
  - D=4
`,
      'repl/overlay/ns.yaml': `apiVersion: v1
kind: Namespace
metadata:
  name: elsewhere
`,
    },
  },
  {
    name: 'sortOptions fifo: the order written, generated objects last',
    dir: 'fifo',
    files: {
      'fifo/kustomization.yaml': `sortOptions:
  order: fifo
resources:
- all.yaml
configMapGenerator:
- name: late
  literals:
  - X=1
`,
      'fifo/all.yaml': `${deployment('z')}---
apiVersion: v1
kind: Namespace
metadata:
  name: a
`,
    },
  },
];

/** Directories whose build fails, with the reason kubectl gives. */
export const KUSTOMIZE_ERRORS: KustomizeCase[] = [
  { name: 'no kustomization file', dir: 'empty', files: { 'empty/deployment.yaml': deployment('x') } },
  { name: 'an unknown field', dir: 'typo', files: { 'typo/kustomization.yaml': 'resourcez:\n- a.yaml\n' } },
  { name: 'a missing resource file', dir: 'missing', files: { 'missing/kustomization.yaml': 'resources:\n- deployment.yaml\n- gone.yaml\n', 'missing/deployment.yaml': deployment('x') } },
  { name: 'a directory that does not exist', dir: 'nowhere', files: {} },
];
