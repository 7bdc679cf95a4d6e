/**
 * kustomize's build, as `kubectl kustomize DIR` and `kubectl apply|create|delete|diff|get -k DIR`
 * run it (kustomize v5 inside kubectl 1.33), over the laptop's files. Pure: it reads through a
 * `KustomizeFs` and returns text. Supported: resources (files and directories with their own
 * kustomization), namespace, namePrefix/nameSuffix with name-reference fix-up, commonLabels and
 * labels, commonAnnotations, images, replicas, patches (strategic merge and JSON 6902),
 * patchesStrategicMerge/patchesJson6902, configMapGenerator/secretGenerator with generatorOptions
 * and kustomize's hash suffix.
 */
export { kustomizeBuild } from './build.ts';
export type { BuildResult, KustomizeFs } from './types.ts';
