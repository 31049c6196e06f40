import { randomUUID } from 'node:crypto';
import type { GraphQLFormattedError } from 'graphql';
import { databaseErrorToAppError } from '../db/constraints.js';

// Apollo's own codes for requests it refuses before our code runs; they are the client's fault.
const CLIENT_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE']);

const originalOf = (error: unknown) => (error as { originalError?: unknown } | null)?.originalError ?? error;

/**
 * What a client sees of an error. Our own errors (with a code) pass as they are; database errors no
 * service mapped get their API meaning (outage, conflict, bad value); anything else is a bug: logged
 * once with its stack and a reference, and shown as a bare INTERNAL_SERVER_ERROR with that reference.
 * Stack traces and paths never leave the server.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
  const code = String(extensions.code ?? 'INTERNAL_SERVER_ERROR');
  if (code !== 'INTERNAL_SERVER_ERROR') {
    return { message: formatted.message, ...(formatted.path ? { path: formatted.path } : {}), ...(CLIENT_CODES.has(code) && formatted.locations ? { locations: formatted.locations } : {}), extensions };
  }
  const mapped = databaseErrorToAppError(originalOf(error));
  if (mapped) return { message: mapped.message, ...(formatted.path ? { path: formatted.path } : {}), extensions: withoutHttp(mapped.extensions) };
  const reference = randomUUID();
  console.error(`Internal error ${reference}:`, originalOf(error));
  return { message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR', reference } };
}

function withoutHttp(extensions: Record<string, unknown>) {
  const { http: _http, ...rest } = extensions;
  return rest;
}
