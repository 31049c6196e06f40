import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { RequestContext } from '../context.js';
import { databaseErrorToAppError } from '../db/constraints.js';
import type { Logger } from '../logger.js';

// Apollo's own codes for requests it refuses before our code runs; they are the client's fault.
const CLIENT_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE']);

const originalOf = (error: unknown) => (error as { originalError?: unknown } | null)?.originalError ?? error;

/** A bug rather than a refusal: no code of ours or Apollo's, and not a database error with an API meaning. */
const isUnexpected = (error: GraphQLError) => !error.extensions?.code && !databaseErrorToAppError(originalOf(error));

/**
 * Logs each request's GraphQL errors: expected ones (codes) go on the request's one log line; a bug
 * is logged once with its stack, under the request id, which the client gets as its `reference`.
 */
export function errorLogging(logger: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            const unexpected = isUnexpected(error);
            const code = unexpected ? 'INTERNAL_SERVER_ERROR' : String(error.extensions?.code ?? databaseErrorToAppError(originalOf(error))?.extensions.code);
            contextValue?.requestInfo?.errorCodes.push(code);
            if (!unexpected) continue;
            const reference = contextValue?.requestInfo?.requestId ?? randomUUID();
            (error.extensions as Record<string, unknown>).reference = reference;
            logger.error({ err: originalOf(error), reference, path: error.path }, 'unexpected error');
          }
        },
      };
    },
  };
}

/**
 * What a client sees of an error. Our own errors (with a code) pass as they are; database errors no
 * service mapped get their API meaning (outage, conflict, bad value); anything else is a bug, shown
 * as a bare INTERNAL_SERVER_ERROR with the reference it was logged under. Stack traces and paths
 * never leave the server.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
  const code = String(extensions.code ?? 'INTERNAL_SERVER_ERROR');
  if (code !== 'INTERNAL_SERVER_ERROR') {
    return { message: formatted.message, ...(formatted.path ? { path: formatted.path } : {}), ...(CLIENT_CODES.has(code) && formatted.locations ? { locations: formatted.locations } : {}), extensions };
  }
  const mapped = databaseErrorToAppError(originalOf(error));
  if (mapped) return { message: mapped.message, ...(formatted.path ? { path: formatted.path } : {}), extensions: withoutHttp(mapped.extensions) };
  return { message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR', ...(extensions.reference ? { reference: extensions.reference } : {}) } };
}

function withoutHttp(extensions: Record<string, unknown>) {
  const { http: _http, ...rest } = extensions;
  return rest;
}
