import type { FlagSpec } from '../../../flags.ts';

/** kubectl attach --help's text (kubectl 1.33), as data for the help printer. */
export const ATTACH_LONG = "Attach to a process that is already running inside an existing container.";

export const ATTACH_EXAMPLES = "# Get output from running pod mypod; use the 'kubectl.kubernetes.io/default-container' annotation\n# for selecting the container to be attached or the first container in the pod will be chosen\nkubectl attach mypod\n\n# Get output from ruby-container from pod mypod\nkubectl attach mypod -c ruby-container\n\n# Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod\n# and sends stdout/stderr from 'bash' back to the client\nkubectl attach mypod -c ruby-container -i -t\n\n# Get output from the first pod of a replica set named nginx\nkubectl attach rs/nginx";

export const ATTACH_USAGE = "kubectl attach (POD | TYPE/NAME) -c CONTAINER [options]";

/** Its flags, as `kubectl attach --help` lists them. */
export const ATTACH_FLAGS: FlagSpec[] = [
  { name: "container", short: "c", type: "string", help: "Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen" },
  { name: "pod-running-timeout", type: "string", default: "1m0s", help: "The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running" },
  { name: "quiet", short: "q", type: "bool", help: "Only print output from the remote session" },
  { name: "stdin", short: "i", type: "bool", help: "Pass stdin to the container" },
  { name: "tty", short: "t", type: "bool", help: "Stdin is a TTY" },
];
