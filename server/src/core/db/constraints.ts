/**
 * Name of the constraint a failed write broke (unique, exclusion or check), or null for any other
 * error. Services map the names they own to clear API errors; races lost to a concurrent request end
 * here rather than in a pre-check.
 */
export function violatedConstraint(error: unknown): string | null {
  const detail = error as { code?: string; constraint?: string } | null;
  if (!detail || !['23505', '23P01', '23514'].includes(detail.code ?? '')) return null;
  return detail.constraint ?? null;
}
