/**
 * The share of income tax a taxpayer may give to a public-benefit (OPP) organisation, by tax year:
 * 1% from the first year it existed (2003) to 2022, 1.5% from 2023. Null before it existed.
 */
export function taxPercentageForYear(taxYear: number): number | null {
  if (!Number.isInteger(taxYear) || taxYear < 2003) return null;
  return taxYear <= 2022 ? 1 : 1.5;
}
