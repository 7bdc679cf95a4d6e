import type { KubectlVerb } from '../../verb.ts';
import { ANNOTATION_EDIT, METADATA_FLAGS, runMetadataEdit } from '../label/metadata.ts';

/** `kubectl annotate TYPE NAME key=value … key-`: `deployment.apps/web annotated`. */
export const annotate: KubectlVerb = {
  name: 'annotate',
  short: 'Update the annotations on a resource',
  long: `Update the annotations on one or more resources.

 All Kubernetes objects support the ability to store additional data with the object as annotations. Annotations are key/value pairs that can be larger than labels and include arbitrary string values such as structured JSON. Tools and system extensions may use annotations to store their own data.

 Attempting to set an annotation that already exists will fail unless --overwrite is set. If --resource-version is specified and does not match the current resource version on the server the command will fail.`,
  examples: `# Update pod 'foo' with the annotation 'description' and the value 'my frontend'
kubectl annotate pods foo description='my frontend'

# Update pod 'foo' by removing an annotation named 'description' if it exists
kubectl annotate pods foo description-`,
  usage: 'kubectl annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
  flags: [...METADATA_FLAGS, { name: 'list', type: 'bool', help: 'If true, display the annotations for a given resource.' }],
  run: (inv, ctx) => runMetadataEdit(ANNOTATION_EDIT, 'annotate', inv, ctx),
};
