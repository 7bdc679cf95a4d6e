import type { KubectlVerb } from '../../verb.ts';
import { LABEL_EDIT, METADATA_FLAGS, runMetadataEdit } from './metadata.ts';

/** `kubectl label TYPE NAME key=value … key-`: `node/worker-7 labeled`. */
export const label: KubectlVerb = {
  name: 'label',
  short: 'Update the labels on a resource',
  long: `Update the labels on a resource.

  *  A label key and value must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters each.
  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.
  *  If --overwrite is true, then existing labels can be overwritten, otherwise attempting to overwrite a label will result in an error.
  *  If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used.`,
  examples: `# Update pod 'foo' with the label 'unhealthy' and the value 'true'
kubectl label pods foo unhealthy=true

# Update pod 'foo' with the label 'status' and the value 'unhealthy', overwriting any existing value
kubectl label --overwrite pods foo status=unhealthy

# Update node 'worker-1' by removing a label named 'disktype', if it exists
kubectl label nodes worker-1 disktype-`,
  usage: 'kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
  flags: [...METADATA_FLAGS, { name: 'list', type: 'bool', help: 'If true, display the labels for a given resource.' }],
  run: (inv, ctx) => runMetadataEdit(LABEL_EDIT, 'label', inv, ctx),
};
