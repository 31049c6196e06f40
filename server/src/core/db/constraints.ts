import { AppError, type ErrorReason, serviceUnavailable } from '../errors.js';

interface DatabaseErrorDetail {
  code?: string;
  constraint?: string;
  message?: string;
  cause?: unknown;
}

/**
 * Name of the constraint a failed write broke (unique, exclusion or check), or null for any other
 * error. Services map the names they own to clear API errors; races lost to a concurrent request end
 * here rather than in a pre-check.
 */
export function violatedConstraint(error: unknown): string | null {
  const detail = error as DatabaseErrorDetail | null;
  if (!detail || !['23505', '23P01', '23514'].includes(detail.code ?? '')) return null;
  return detail.constraint ?? null;
}

/** What a broken constraint means to a client: why (a stable reason), and the input field it is about. */
export interface ConstraintMeaning {
  message: string;
  /** Defaults to the kind of constraint: DUPLICATE, OVERLAP or INVALID_VALUE. */
  reason?: ErrorReason;
  field?: string;
}

const meanings = new Map<string, ConstraintMeaning>();

/**
 * Modules name what their constraints mean once; every write that breaks one, whichever code path
 * and however it raced, then answers with that field and reason instead of a generic message.
 */
export function describeConstraints(described: Record<string, ConstraintMeaning>): void {
  for (const [name, meaning] of Object.entries(described)) meanings.set(name, meaning);
}

const withMeaning = (code: 'CONFLICT' | 'BAD_USER_INPUT', kind: 'DUPLICATE' | 'OVERLAP' | 'INVALID_VALUE', fallback: string, constraint: string | undefined) => {
  const meaning = constraint ? meanings.get(constraint) : undefined;
  const message = meaning?.message ?? fallback;
  return new AppError(code, message, {
    reason: meaning?.reason ?? kind,
    fields: meaning?.field ? [{ field: meaning.field, code: kind === 'INVALID_VALUE' ? 'invalid' : 'conflict', message }] : [],
  });
};

// Node socket errors and PostgreSQL's connection (08), shutdown (57P0x) and resource (53) classes:
// the database is away or overloaded, not wrong, so the client should simply retry.
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Connection ended|Client has encountered a connection error|the database system is (starting up|shutting down)/i;

function isUnavailable(detail: DatabaseErrorDetail): boolean {
  const code = detail.code ?? '';
  return UNAVAILABLE_SOCKET_CODES.has(code) || /^(08|53|57P0)/.test(code) || UNAVAILABLE_MESSAGES.test(detail.message ?? '');
}

/**
 * The API error for a database error that no service mapped itself: outages become
 * SERVICE_UNAVAILABLE, broken constraints a CONFLICT or BAD_USER_INPUT with a reason, values
 * PostgreSQL refuses a BAD_USER_INPUT. Null when the error is not the database's (a bug).
 */
export function databaseErrorToAppError(error: unknown): AppError | null {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const detail = current as DatabaseErrorDetail;
    const code = detail.code ?? '';
    if (isUnavailable(detail)) return serviceUnavailable();
    if (code === '23505') return withMeaning('CONFLICT', 'DUPLICATE', 'This already exists.', detail.constraint);
    if (code === '23P01') return withMeaning('CONFLICT', 'OVERLAP', 'This overlaps with something that already exists.', detail.constraint);
    if (code === '40001' || code === '40P01') {
      return new AppError('CONFLICT', 'Someone changed this at the same moment; try again.', { reason: 'CONCURRENT_CHANGE' });
    }
    if (code === '23503') return new AppError('NOT_FOUND', 'Something this refers to does not exist (any more).');
    if (code === '23514' || code === '23502') return withMeaning('BAD_USER_INPUT', 'INVALID_VALUE', 'A value is outside what is allowed.', detail.constraint);
    // Class 22, data exceptions: a value PostgreSQL cannot store (out of range, malformed, too long).
    if (/^22/.test(code)) return new AppError('BAD_USER_INPUT', 'A value is malformed or out of range.', { reason: 'INVALID_VALUE', fields: [] });
    current = detail.cause;
  }
  return null;
}
