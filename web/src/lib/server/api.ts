import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { API_URL } from '$app/env/private';
import { CombinedError, getOperationName, stringifyDocument, type AnyVariables, type TypedDocumentNode } from '@urql/core';
import type { GraphQLError } from 'graphql';
import { type Dispatcher, request } from 'undici';

export const SESSION_COOKIE = 'razem_session';

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

/** What a failed mutation tells the form: per-field problems, or one message for the whole form. */
export interface MutationFailure {
  code: string;
  message: string;
  fields: FieldProblem[];
  /** Why a CONFLICT happened (e.g. FULL, CLASH), with its details. */
  reason?: string;
  details?: Record<string, unknown>;
  /** RATE_LIMITED: how long to wait before trying again. */
  retryAfterSeconds?: number;
}

export type MutationResult<T> = { ok: true; data: T } | { ok: false; failure: MutationFailure };

interface ApiResult<T> {
  data: T | undefined;
  error: CombinedError | undefined;
}

/**
 * The API, called from the SvelteKit server on behalf of the browser: forwards the session cookie
 * and the municipality, and passes a new or cleared session cookie back to the browser.
 *
 * One POST per operation with undici's `request`, not urql's client over `fetch`: WHATWG fetch's
 * requests, streams and abort signals were a quarter of the web server's CPU per rendered page
 * (docs/benchmarks.md). urql still writes the query and reads the answer (`stringifyDocument`,
 * `CombinedError`), so results and errors look as they did.
 */
export function createApi(event: RequestEvent) {
  async function send<T, V extends AnyVariables>(document: TypedDocumentNode<T, V>, variables: V): Promise<ApiResult<T>> {
    const session = event.cookies.get(SESSION_COOKIE);
    const municipality = event.params.municipality as string | undefined;
    let response: Dispatcher.ResponseData;
    try {
      response = await request(API_URL, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(session ? { cookie: `${SESSION_COOKIE}=${encodeURIComponent(session)}` } : {}),
          ...(municipality ? { 'x-municipality': municipality } : {}),
          // The API's rate limits count per person's address, not per this server's.
          'x-forwarded-for': event.getClientAddress(),
          // No accept-encoding: side by side on one network, compressing costs both ends more CPU than it saves.
        },
        body: JSON.stringify({ query: stringifyDocument(document), operationName: getOperationName(document), variables }),
      });
    } catch (networkError) {
      return { data: undefined, error: new CombinedError({ networkError: networkError as Error }) };
    }
    const setCookie = response.headers['set-cookie'];
    for (const header of typeof setCookie === 'string' ? [setCookie] : (setCookie ?? [])) relaySessionCookie(event, header);
    const text = await response.body.text();
    let answer: { data?: T | null; errors?: GraphQLError[] } | undefined;
    try {
      answer = JSON.parse(text);
    } catch {
      answer = undefined;
    }
    if (!answer || !('data' in answer || Array.isArray(answer.errors))) {
      return { data: undefined, error: new CombinedError({ networkError: new Error(`The API answered ${response.statusCode} without a GraphQL result.`) }) };
    }
    return { data: answer.data ?? undefined, error: Array.isArray(answer.errors) ? new CombinedError({ graphQLErrors: answer.errors }) : undefined };
  }

  return {
    /** Runs a query; API errors become the matching HTTP error page (sign-in for UNAUTHENTICATED). */
    async query<T, V extends AnyVariables>(document: TypedDocumentNode<T, V>, variables: V): Promise<T> {
      const result = await send(document, variables);
      if (result.error) throw toHttpError(event, result.error);
      return result.data as T;
    },

    /** Runs a mutation; input errors come back as data for the form, anything else is thrown. */
    async mutate<T, V extends AnyVariables>(document: TypedDocumentNode<T, V>, variables: V): Promise<MutationResult<T>> {
      const result = await send(document, variables);
      if (!result.error) return { ok: true, data: result.data as T };
      const graphQLError = result.error.graphQLErrors[0];
      const code = String(graphQLError?.extensions?.code ?? '');
      if (['BAD_USER_INPUT', 'CONFLICT', 'UNAUTHENTICATED', 'RATE_LIMITED'].includes(code)) {
        const { fields, reason, code: _code, ...details } = graphQLError!.extensions as Record<string, unknown>;
        return {
          ok: false,
          failure: {
            code, message: graphQLError!.message, fields: (fields as FieldProblem[] | undefined) ?? [],
            ...(typeof reason === 'string' ? { reason, details } : {}),
            ...(typeof details.retryAfterSeconds === 'number' ? { retryAfterSeconds: details.retryAfterSeconds } : {}),
          },
        };
      }
      throw toHttpError(event, result.error);
    },
  };
}

export type Api = ReturnType<typeof createApi>;

function toHttpError(event: RequestEvent, combined: CombinedError) {
  const code = combined.graphQLErrors[0]?.extensions?.code;
  if (code === 'UNAUTHENTICATED' && event.params.municipality) {
    return redirect(303, `/${event.params.municipality}/sign-in?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
  }
  if (code === 'FORBIDDEN') return error(403, 'Forbidden');
  if (code === 'NOT_FOUND') return error(404, 'Not found');
  // The API answers NOT_FOUND for malformed ids too; what remains is e.g. an unknown filter value.
  if (code === 'BAD_USER_INPUT') return error(400, 'Bad request');
  if (code === 'RATE_LIMITED') {
    const wait = combined.graphQLErrors[0]!.extensions?.retryAfterSeconds;
    return error(429, { message: 'Too many requests', ...(typeof wait === 'number' ? { retryAfterSeconds: wait } : {}) });
  }
  // The API or its database is away for a moment (or unreachable): "try again", not "broken".
  if (code === 'SERVICE_UNAVAILABLE' || !combined.graphQLErrors.length) return error(503, 'Service unavailable');
  const reference = combined.graphQLErrors[0]?.extensions?.reference;
  return error(500, { message: 'Internal error', ...(typeof reference === 'string' ? { reference } : {}) });
}

/** Copies the API's Set-Cookie for the session onto the browser response, keeping its attributes. */
function relaySessionCookie(event: RequestEvent, header: string) {
  const [pair, ...attributes] = header.split(';').map((part) => part.trim());
  const [name, ...rest] = pair!.split('=');
  if (name !== SESSION_COOKIE) return;
  const value = decodeURIComponent(rest.join('='));
  const attribute = (key: string) => attributes.find((a) => a.toLowerCase().startsWith(key.toLowerCase()));
  const expires = attribute('Expires=')?.slice('Expires='.length);
  const options = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: attribute('Secure') !== undefined,
    ...(expires ? { expires: new Date(expires) } : {}),
  };
  if (!value || (expires && new Date(expires) <= new Date())) event.cookies.delete(SESSION_COOKIE, options);
  else event.cookies.set(SESSION_COOKIE, value, options);
}
