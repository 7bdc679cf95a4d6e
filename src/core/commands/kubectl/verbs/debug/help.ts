import type { FlagSpec } from '../../../flags.ts';

/** kubectl debug --help's text (kubectl 1.33), as data for the help printer. */
export const DEBUG_LONG = "Debug cluster resources using interactive debugging containers.\n\n 'debug' provides automation for common debugging tasks for cluster objects identified by resource and name. Pods will be used by default if no resource is specified.\n\n The action taken by 'debug' varies depending on what resource is specified. Supported actions include:\n\n  *  Workload: Create a copy of an existing pod with certain attributes changed, for example changing the image tag to a new version.\n  *  Workload: Add an ephemeral container to an already running pod, for example to add debugging utilities without restarting the pod.\n  *  Node: Create a new pod that runs in the node's host namespaces and can access the node's filesystem.\n\n Note: When a non-root user is configured for the entire target Pod, some capabilities granted by debug profile may not work.";

export const DEBUG_EXAMPLES = "# Create an interactive debugging session in pod mypod and immediately attach to it.\nkubectl debug mypod -it --image=busybox\n\n# Create an interactive debugging session for the pod in the file pod.yaml and immediately attach to it.\n# (requires the EphemeralContainers feature to be enabled in the cluster)\nkubectl debug -f pod.yaml -it --image=busybox\n\n# Create a debug container named debugger using a custom automated debugging image.\nkubectl debug --image=myproj/debug-tools -c debugger mypod\n\n# Create a copy of mypod adding a debug container and attach to it\nkubectl debug mypod -it --image=busybox --copy-to=my-debugger\n\n# Create a copy of mypod changing the command of mycontainer\nkubectl debug mypod -it --copy-to=my-debugger --container=mycontainer -- sh\n\n# Create a copy of mypod changing all container images to busybox\nkubectl debug mypod --copy-to=my-debugger --set-image=*=busybox\n\n# Create a copy of mypod adding a debug container and changing container images\nkubectl debug mypod -it --copy-to=my-debugger --image=debian --set-image=app=app:debug,sidecar=sidecar:debug\n\n# Create an interactive debugging session on a node and immediately attach to it.\n# The container will run in the host namespaces and the host's filesystem will be mounted at /host\nkubectl debug node/mynode -it --image=busybox";

export const DEBUG_USAGE = "kubectl debug (POD | TYPE[[.VERSION].GROUP]/NAME) [ -- COMMAND [args...] ] [options]";

/** Its flags, as `kubectl debug --help` lists them. */
export const DEBUG_FLAGS: FlagSpec[] = [
  { name: "arguments-only", type: "bool", help: "If specified, everything after -- will be passed to the new container as Args instead of Command." },
  { name: "attach", type: "bool", help: "If true, wait for the container to start running, and then attach as if 'kubectl attach ...' were called.  Default false, unless '-i/--stdin' is set, in which case the default is true." },
  { name: "container", short: "c", type: "string", help: "Container name to use for debug container." },
  { name: "copy-to", type: "string", help: "Create a copy of the target Pod with this name." },
  { name: "custom", type: "string", help: "Path to a JSON or YAML file containing a partial container spec to customize built-in debug profiles." },
  { name: "env", type: "stringArray", help: "Environment variables to set in the container." },
  { name: "filename", short: "f", type: "stringArray", help: "identifying the resource to debug" },
  { name: "image", type: "string", help: "Container image to use for debug container." },
  { name: "image-pull-policy", type: "string", help: "The image pull policy for the container. If left empty, this value will not be specified by the client and defaulted by the server." },
  { name: "keep-annotations", type: "bool", help: "If true, keep the original pod annotations.(This flag only works when used with '--copy-to')" },
  { name: "keep-init-containers", type: "bool", default: true, help: "Run the init containers for the pod. Defaults to true.(This flag only works when used with '--copy-to')" },
  { name: "keep-labels", type: "bool", help: "If true, keep the original pod labels.(This flag only works when used with '--copy-to')" },
  { name: "keep-liveness", type: "bool", help: "If true, keep the original pod liveness probes.(This flag only works when used with '--copy-to')" },
  { name: "keep-readiness", type: "bool", help: "If true, keep the original pod readiness probes.(This flag only works when used with '--copy-to')" },
  { name: "keep-startup", type: "bool", help: "If true, keep the original startup probes.(This flag only works when used with '--copy-to')" },
  { name: "profile", type: "string", default: "legacy", help: "Options are \"legacy\", \"general\", \"baseline\", \"netadmin\", \"restricted\" or \"sysadmin\"." },
  { name: "quiet", short: "q", type: "bool", help: "If true, suppress informational messages." },
  { name: "replace", type: "bool", help: "When used with '--copy-to', delete the original Pod." },
  { name: "same-node", type: "bool", help: "When used with '--copy-to', schedule the copy of target Pod on the same node." },
  { name: "set-image", type: "stringArray", help: "When used with '--copy-to', a list of name=image pairs for changing container images, similar to how 'kubectl set image' works." },
  { name: "share-processes", type: "bool", default: true, help: "When used with '--copy-to', enable process namespace sharing in the copy." },
  { name: "stdin", short: "i", type: "bool", help: "Keep stdin open on the container(s) in the pod, even if nothing is attached." },
  { name: "target", type: "string", help: "When using an ephemeral container, target processes in this container name." },
  { name: "tty", short: "t", type: "bool", help: "Allocate a TTY for the debugging container." },
];
