import type { FaultKind } from './types.ts';
import { badConfig } from './badConfig.ts';
import { cniFailure } from './cniFailure.ts';
import { imagePull } from './imagePull.ts';
import { memoryGrowth } from './memoryGrowth.ts';
import { missingCpuFlag } from './missingCpuFlag.ts';
import { readinessFails } from './readinessFails.ts';
import { slowStart } from './slowStart.ts';
import { startFails } from './startFails.ts';
import { volumeZone } from './volumeZone.ts';

/** Every fault kind a scenario may use. Adding one: a file beside this one and a line here. */
export const faultKinds: readonly FaultKind<any>[] = [
  missingCpuFlag, readinessFails, badConfig, memoryGrowth, slowStart,
  imagePull, volumeZone, cniFailure, startFails,
];

export function findFaultKind(kind: string): FaultKind<any> | undefined {
  return faultKinds.find((f) => f.kind === kind);
}
