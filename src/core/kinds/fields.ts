/**
 * The Go types behind the fields we model, as the API server decodes a request body into them
 * (k8s.io/api, 1.33). Each kind module names its object's struct (`KindDef.fields`); the patch
 * verb checks a patch against it (kinds/decode.ts) so that a wrong JSON type gets the server's
 * decode error instead of reaching a controller. Structs list every field Kubernetes has (so an
 * unknown key is a real "unknown field" warning); fields we do not check are `ANY`.
 */

/** One Go type. Pointers (`*int32`) decode like the type they point to (null is the zero value). */
export type GoType =
  | { t: 'int32' | 'int64' | 'bool' | 'string' }
  /** intstr.IntOrString: a JSON number or string. */
  | { t: 'intstr' }
  | { t: 'struct'; name: string; fields: Readonly<Record<string, GoType>> }
  | { t: 'slice'; of: GoType }
  | { t: 'map'; of: GoType }
  /** A field whose inside we do not check (its keys are kept as sent). */
  | { t: 'any' };

export const INT32: GoType = { t: 'int32' };
export const INT64: GoType = { t: 'int64' };
export const BOOL: GoType = { t: 'bool' };
export const STRING: GoType = { t: 'string' };
export const INTSTR: GoType = { t: 'intstr' };
export const ANY: GoType = { t: 'any' };
export const sliceOf = (of: GoType): GoType => ({ t: 'slice', of });
export const mapOf = (of: GoType): GoType => ({ t: 'map', of });
export const struct = (name: string, fields: Record<string, GoType>): GoType => ({ t: 'struct', name, fields });
/** Fields listed by name only: each is `ANY` (known to the server, not checked here). */
const unchecked = (names: string): Record<string, GoType> => Object.fromEntries(names.split(' ').map((n) => [n, ANY]));

const STRINGS = sliceOf(STRING);
const LABELS = mapOf(STRING);

export const OBJECT_META = struct('ObjectMeta', {
  name: STRING, generateName: STRING, namespace: STRING, selfLink: STRING, uid: STRING, resourceVersion: STRING, generation: INT64,
  ...unchecked('creationTimestamp deletionTimestamp ownerReferences managedFields'),
  deletionGracePeriodSeconds: INT64, labels: LABELS, annotations: LABELS, finalizers: STRINGS,
});

export const LABEL_SELECTOR = struct('LabelSelector', { matchLabels: LABELS, matchExpressions: ANY });

const PROBE = struct('Probe', {
  ...unchecked('exec httpGet tcpSocket grpc'),
  initialDelaySeconds: INT32, timeoutSeconds: INT32, periodSeconds: INT32, successThreshold: INT32, failureThreshold: INT32, terminationGracePeriodSeconds: INT64,
});

const ENV_VAR = struct('EnvVar', { name: STRING, value: STRING, valueFrom: ANY });

export const CONTAINER = struct('Container', {
  name: STRING, image: STRING, command: STRINGS, args: STRINGS, workingDir: STRING, env: sliceOf(ENV_VAR),
  ...unchecked('ports envFrom resources resizePolicy volumeMounts volumeDevices lifecycle securityContext'),
  restartPolicy: STRING, livenessProbe: PROBE, readinessProbe: PROBE, startupProbe: PROBE,
  terminationMessagePath: STRING, terminationMessagePolicy: STRING, imagePullPolicy: STRING, stdin: BOOL, stdinOnce: BOOL, tty: BOOL,
});

export const POD_SPEC = struct('PodSpec', {
  initContainers: sliceOf(CONTAINER), containers: sliceOf(CONTAINER),
  ...unchecked('volumes ephemeralContainers securityContext imagePullSecrets affinity tolerations hostAliases dnsConfig readinessGates overhead topologySpreadConstraints os schedulingGates resourceClaims resources'),
  restartPolicy: STRING, terminationGracePeriodSeconds: INT64, activeDeadlineSeconds: INT64, dnsPolicy: STRING, nodeSelector: LABELS,
  serviceAccountName: STRING, serviceAccount: STRING, automountServiceAccountToken: BOOL, nodeName: STRING, hostNetwork: BOOL, hostPID: BOOL,
  hostIPC: BOOL, shareProcessNamespace: BOOL, hostname: STRING, subdomain: STRING, schedulerName: STRING, priorityClassName: STRING,
  priority: INT32, runtimeClassName: STRING, enableServiceLinks: BOOL, preemptionPolicy: STRING, setHostnameAsFQDN: BOOL, hostUsers: BOOL,
});

export const POD_TEMPLATE_SPEC = struct('PodTemplateSpec', { metadata: OBJECT_META, spec: POD_SPEC });

/**
 * A whole object of one kind: TypeMeta, ObjectMeta, the given `spec`-like fields and an
 * unchecked status (the main resource ignores status anyway).
 */
export function objectFields(kind: string, fields: Record<string, GoType>): GoType {
  return struct(kind, { apiVersion: STRING, kind: STRING, metadata: OBJECT_META, status: ANY, ...fields });
}
