import { UniqueConstraintViolationException } from '@mikro-orm/core';

/** Name of the unique constraint a failed write broke, or null for any other error. */
export function violatedUniqueConstraint(error: unknown): string | null {
  if (!(error instanceof UniqueConstraintViolationException)) return null;
  const detail = error as unknown as { constraint?: string; message: string };
  return detail.constraint ?? /constraint "([^"]+)"/.exec(detail.message)?.[1] ?? null;
}
