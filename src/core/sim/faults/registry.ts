/**
 * Every fault kind a scenario may use: one line per kind, its file beside this one. Adding a
 * fault at any stage is that file and one line here; faults/kinds.ts lists and finds them.
 */
export { badConfig } from './badConfig.ts';
export { cniFailure } from './cniFailure.ts';
export { controllerFinalizer } from './controllerFinalizer.ts';
export { imagePull } from './imagePull.ts';
export { kubeletDown } from './kubeletDown.ts';
export { kubeletScrapeTls } from './kubeletScrapeTls.ts';
export { logPipeline } from './logPipeline.ts';
export { memoryGrowth } from './memoryGrowth.ts';
export { missingCpuFlag } from './missingCpuFlag.ts';
export { nodeResourcePressure } from './nodeResourcePressure.ts';
export { rbacDenied } from './rbacDenied.ts';
export { serviceLoad } from './serviceLoad.ts';
export { readinessFails } from './readinessFails.ts';
export { registryAccess } from './registryAccess.ts';
export { resourceQuota } from './resourceQuota.ts';
export { sigtermIgnored } from './sigtermIgnored.ts';
export { slowStart } from './slowStart.ts';
export { startFails } from './startFails.ts';
export { upstreamCalls } from './upstreamCalls.ts';
export { volumeUnmount } from './volumeUnmount.ts';
export { volumeZone } from './volumeZone.ts';
export { webhookPolicy } from './webhookPolicy.ts';
export { webhookTimeout } from './webhookTimeout.ts';
