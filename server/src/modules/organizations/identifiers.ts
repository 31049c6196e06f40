/**
 * Polish registry identifiers. Pure functions: no I/O, used by input validation and the demo data.
 * NIP: tax id, REGON: statistical id, KRS: National Court Register number.
 */

const digitsOf = (value: string) => [...value].map(Number);

/** Weighted sum mod 11 of the leading digits, the scheme shared by NIP and REGON. */
function weightedMod11(value: string, weights: readonly number[]): number {
  const digits = digitsOf(value);
  return weights.reduce((sum, w, i) => sum + w * digits[i]!, 0) % 11;
}

const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7] as const;
const REGON9_WEIGHTS = [8, 9, 2, 3, 4, 5, 6, 7] as const;
const REGON14_WEIGHTS = [2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8] as const;

/** People type NIPs with dashes or spaces ("697-123-45-67"); we store digits only. */
export const normaliseIdentifier = (value: string) => value.replace(/[\s-]/g, '');

export function isValidNip(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  const check = weightedMod11(value, NIP_WEIGHTS);
  // A remainder of 10 cannot be a check digit: such numbers are never issued.
  return check !== 10 && check === Number(value[9]);
}

export function isValidRegon(value: string): boolean {
  if (/^\d{9}$/.test(value)) return (weightedMod11(value, REGON9_WEIGHTS) % 10) === Number(value[8]);
  if (/^\d{14}$/.test(value)) {
    // A 14-digit REGON (local unit) starts with its parent's valid 9-digit REGON.
    return isValidRegon(value.slice(0, 9)) && weightedMod11(value, REGON14_WEIGHTS) % 10 === Number(value[13]);
  }
  return false;
}

/** KRS numbers have no checksum: ten digits, leading zeros kept. */
export const isValidKrs = (value: string) => /^\d{10}$/.test(value);

/** Appends the check digit to 9 NIP digits, or returns null when no valid NIP starts with them. */
export function completeNip(first9: string): string | null {
  const check = weightedMod11(first9.padEnd(10, '0'), NIP_WEIGHTS);
  return check === 10 ? null : first9 + check;
}

/** Appends the check digit to the first 8 (or 13) REGON digits. */
export function completeRegon(prefix: string): string {
  const weights = prefix.length === 8 ? REGON9_WEIGHTS : REGON14_WEIGHTS;
  return prefix + (weightedMod11(prefix.padEnd(weights.length + 1, '0'), weights) % 10);
}
