import { GraphQLError } from 'graphql';
import type { ConflictReason, ErrorCode, ErrorReason, FieldCode } from './error-vocabulary.js';

export type { ConflictReason, ErrorCode, ErrorReason, FieldCode } from './error-vocabulary.js';

/** One reason an input field was refused; `code` is stable so clients can translate it. */
export interface FieldProblem {
  field: string;
  code: FieldCode;
  message: string;
}

/** Codes, reasons and field codes come from error-vocabulary.ts, so clients can translate every one. */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: { reason?: ErrorReason; fields?: FieldProblem[] } & Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

export const inputError = (problems: FieldProblem[]) =>
  new AppError('BAD_USER_INPUT', problems.map((p) => `${p.field}: ${p.message}`).join('; '), { fields: problems });

export const fieldError = (field: string, code: FieldCode, message: string) => inputError([{ field, code, message }]);

export const unauthenticated = () => new AppError('UNAUTHENTICATED', 'You must be signed in.');

export const forbidden = (message = 'You are not allowed to do this.') => new AppError('FORBIDDEN', message);

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found.`);

/** The request names a municipality this deployment does not serve (web: a 404 page). */
export const unknownMunicipality = () =>
  new AppError('NOT_FOUND', 'There is no such municipality here.', { reason: 'UNKNOWN_MUNICIPALITY' });

/**
 * The one CONFLICT of the API: the request is fine but the state of things refuses it. `reason` is a
 * stable word clients translate (FULL, CLASH, NOT_OPEN…); `field` names the input it is about;
 * anything else in `details` goes to the client as it is (e.g. the clashing booking).
 */
export const conflict = (reason: ConflictReason, message: string, { field, ...details }: { field?: string } & Record<string, unknown> = {}) =>
  new AppError('CONFLICT', message, { ...details, reason, ...(field ? { fields: [{ field, code: 'conflict', message }] } : {}) });

/**
 * Over a rate limit. `http` sets the response's status and `Retry-After` (Apollo reads it and
 * removes it from the error); `retryAfterSeconds` tells GraphQL clients the same.
 */
export const rateLimited = (retryAfterSeconds: number) =>
  new AppError('RATE_LIMITED', `Too many attempts. Try again in ${retryAfterSeconds} s.`, {
    retryAfterSeconds,
    http: httpHead(429, retryAfterSeconds),
  });

/** The database (or another dependency) cannot be reached: the client should try again shortly. */
export const serviceUnavailable = (retryAfterSeconds = 5) =>
  new AppError('SERVICE_UNAVAILABLE', 'The service is briefly unavailable. Try again in a moment.', {
    retryAfterSeconds,
    http: httpHead(503, retryAfterSeconds),
  });

function httpHead(status: number, retryAfterSeconds: number) {
  return { status, headers: new Map([['retry-after', String(retryAfterSeconds)]]) };
}
