/**
 * Kubernetes resource quantities (apimachinery `resource.Quantity`) as kubectl describe reads and
 * prints them. Values are kept as exact integers of milli-units (bigint), so sums never drift.
 * `formatQuantity` reproduces `Quantity.String()`'s canonical form: binary suffixes (`Ki`…`Ei`) when
 * the input used them and the value is a whole multiple, decimal ones (`m`, ``, `k`, `M`, `G`…)
 * otherwise; values between -1024 and 1024 in binary form print in decimal form (`0`, `512`).
 */

export type QuantityFormat = 'BinarySI' | 'DecimalSI';

export interface Quantity {
  /** Value in thousandths of the unit (cpu: millicores; memory: millibytes). */
  milli: bigint;
  format: QuantityFormat;
}

const BINARY: Record<string, bigint> = { Ki: 1n << 10n, Mi: 1n << 20n, Gi: 1n << 30n, Ti: 1n << 40n, Pi: 1n << 50n, Ei: 1n << 60n };
const DECIMAL_EXP: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** Parses `500m`, `1.5`, `768Mi`, `1Gi`, `93478772582`, `1e3`; undefined when malformed. */
export function parseQuantity(text: string | number | undefined): Quantity | undefined {
  if (text === undefined) return undefined;
  const s = String(text).trim();
  const m = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei)|([eE][+-]?\d+)|(n|u|m|k|M|G|T|P|E)?)$/.exec(s);
  if (!m) return undefined;
  const [, sign, num, bin, exp, dec] = m;
  const [whole, frac = ''] = num.split('.');
  const digits = BigInt((whole || '0') + frac);
  let milli: bigint;
  let format: QuantityFormat = 'DecimalSI';
  if (bin) {
    format = 'BinarySI';
    milli = scale(digits * BINARY[bin] * 1000n, -frac.length);
  } else {
    const e = exp ? Number(exp.slice(1)) : DECIMAL_EXP[dec ?? ''];
    milli = scale(digits, e + 3 - frac.length);
  }
  return { milli: sign === '-' ? -milli : milli, format };
}

/** digits × 10^exp, rounded up to a whole number as Quantity does for sub-milli precision. */
function scale(digits: bigint, exp: number): bigint {
  if (exp >= 0) return digits * 10n ** BigInt(exp);
  const d = 10n ** BigInt(-exp);
  return (digits + d - 1n) / d;
}

export const zeroQuantity = (format: QuantityFormat = 'DecimalSI'): Quantity => ({ milli: 0n, format });

/** a + b, keeping a's format (as `Quantity.Add`). */
export const addQuantity = (a: Quantity, b: Quantity): Quantity => ({ milli: a.milli + b.milli, format: a.format });

/** `Quantity.String()`: canonical text such as `1600m`, `2304Mi`, `3Gi`, `1`, `0`. */
export function formatQuantity(q: Quantity): string {
  const neg = q.milli < 0n;
  const abs = neg ? -q.milli : q.milli;
  const sign = neg ? '-' : '';
  if (q.format === 'BinarySI' && abs >= 1024n * 1000n && abs % 1000n === 0n) {
    let v = abs / 1000n;
    const suffixes = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
    let i = 0;
    while (i < suffixes.length - 1 && v % 1024n === 0n) {
      v /= 1024n;
      i++;
    }
    return `${sign}${v}${suffixes[i]}`;
  }
  if (abs === 0n) return '0';
  // Decimal: the largest exponent (multiple of 3, from milli up) that keeps the mantissa whole.
  const suffixes = ['m', '', 'k', 'M', 'G', 'T', 'P', 'E'];
  let v = abs;
  let i = 0;
  while (i < suffixes.length - 1 && v % 1000n === 0n) {
    v /= 1000n;
    i++;
  }
  return `${sign}${v}${suffixes[i]}`;
}

/** Whole units (bytes, cores rounded up) as `Quantity.Value()`. */
export function quantityValue(q: Quantity): bigint {
  return q.milli >= 0n ? (q.milli + 999n) / 1000n : q.milli / 1000n;
}

/** Canonical form of a quantity string; the input unchanged when it does not parse. */
export function canonicalQuantity(text: string | number): string {
  const q = parseQuantity(text);
  return q ? formatQuantity(q) : String(text);
}

/**
 * A quantity as a plain number for the simulation's arithmetic (scheduling, usage): memory and
 * storage in bytes (`768Mi` → 805306368, `1G` → 1e9), a bare CPU count in cores (`500m` → 0.5).
 * 0 when absent or malformed.
 */
export function quantityNumber(q: string | number | undefined): number {
  return milliOf(q) / 1000;
}

/**
 * A quantity's milli-units, remembered by its text: the scheduler reads every node's allocatable
 * and every pod's requests at each placement, and a cluster holds few distinct quantities.
 */
function milliOf(q: string | number | undefined): number {
  if (q === undefined) return 0;
  const known = milliCache.get(q);
  if (known !== undefined) return known;
  const exact = parseQuantity(q);
  const milli = exact ? Number(exact.milli) : 0;
  if (milliCache.size >= 4096) milliCache.clear();
  milliCache.set(q, milli);
  return milli;
}
const milliCache = new Map<string | number, number>();

/** CPU quantity to millicores: `500m` → 500, `2` → 2000; 0 when absent or malformed. */
export const milliCpu = (q: string | number | undefined): number => {
  return milliOf(q);
};
