import { GraphQLError } from 'graphql';

/** One reason an input field was refused; `code` is stable so clients can translate it. */
export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT';

export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

export const inputError = (problems: FieldProblem[]) =>
  new AppError('BAD_USER_INPUT', problems.map((p) => `${p.field}: ${p.message}`).join('; '), { fields: problems });

export const fieldError = (field: string, code: string, message: string) => inputError([{ field, code, message }]);

export const unauthenticated = () => new AppError('UNAUTHENTICATED', 'You must be signed in.');

export const forbidden = (message = 'You are not allowed to do this.') => new AppError('FORBIDDEN', message);

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found.`);

export const conflict = (message: string, field?: string) =>
  new AppError('CONFLICT', message, field ? { fields: [{ field, code: 'conflict', message }] } : {});
