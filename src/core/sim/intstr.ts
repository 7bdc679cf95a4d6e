/**
 * IntOrString arithmetic as apimachinery's intstr.GetScaledValueFromIntOrPercent does it: an int
 * is taken as is; `"N%"` of `total` is `N * total / 100`, rounded up or down as the caller says
 * (Deployments round maxSurge up and maxUnavailable down; PodDisruptionBudgets round both
 * minAvailable and maxUnavailable up). Returns undefined for a string that is not a percentage.
 */
export function scaledValue(value: number | string, total: number, roundUp: boolean): number | undefined {
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(value);
  if (!m) return undefined;
  // Integer maths first, as Go does, so 29% of 100 is exactly 29 (0.29 * 100 is not).
  const scaled = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/** Whether an IntOrString is valid for a PDB or rolling-update field: a non-negative int or `N%`. */
export function isIntOrPercent(value: unknown): value is number | string {
  return (typeof value === 'number' && Number.isInteger(value) && value >= 0) || (typeof value === 'string' && /^\d+%$/.test(value));
}
