import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  type DocumentNode, getNamedType, getNullableType, GraphQLError, type GraphQLSchema, isListType, type OperationDefinitionNode,
  type ValidationContext, type ValidationRule,
} from 'graphql';
import { type ComplexityEstimator, fieldExtensionsEstimator, getComplexity } from 'graphql-query-complexity';
import { inputError } from '../errors.js';
import { MAX_PAGE_SIZE } from '../pagination.js';
import { findInputProblems } from './input-guard.js';

/** What one GraphQL document may ask for. Defaults in `defaultQueryLimits`; each is configurable. */
export interface QueryLimits {
  /** Lexical tokens in the document (checked while parsing, so a huge document costs little). */
  maxTokens: number;
  /** Nesting of selections (fragments do not count as a level). */
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  /** Estimated fields resolved: a list multiplies its selection by its page size (`first`). */
  maxCost: number;
  /** Assumed length of a list field without a page-size argument. */
  assumedListSize: number;
  /** "Did you mean …" hints name fields an attacker has not found yet: only in development. */
  fieldSuggestions: boolean;
}

export const defaultQueryLimits: QueryLimits = {
  maxTokens: 2_000, maxDepth: 12, maxAliases: 20, maxDirectives: 20, maxCost: 20_000, assumedListSize: 20, fieldSuggestions: false,
};

/** Errors for a limit say which one and its value, so a client knows what to change. */
function limitError(limit: string, maximum: number, message: string) {
  return new GraphQLError(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit, maximum, http: { status: 400 } } });
}

/**
 * A list's selection is paid for once per item it may return: the page size for paginated fields,
 * otherwise an assumed size. Connections pay at the paginated field, so their `edges` do not pay again.
 */
function listCostEstimator(assumedListSize: number): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    // Introspection (tools, code generators) is bounded by the schema itself.
    if (field.name.startsWith('__') || type.name.startsWith('__')) return 0;
    // Larger pages are refused by the resolver with a clear message; price them as the largest allowed.
    if (typeof args.first === 'number') return 1 + Math.min(Math.max(args.first, 1), MAX_PAGE_SIZE) * childComplexity;
    const isList = isListType(getNullableType(field.type));
    if (!isList || type.name.endsWith('Connection')) return 1 + childComplexity;
    return 1 + (getNamedType(field.type).name === 'String' ? 1 : assumedListSize) * Math.max(childComplexity, 1);
  };
}

export function queryCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown> | undefined, limits: QueryLimits) {
  return getComplexity({
    schema, query: document, variables, operationName,
    estimators: [fieldExtensionsEstimator(), listCostEstimator(limits.assumedListSize)],
  });
}

/** The validation rules that bound a document's shape (depth, aliases, directives). */
export function shapeRules(limits: QueryLimits): ValidationRule[] {
  const report = (limit: string, maximum: number) => [
    (context: ValidationContext | null, error: GraphQLError) => context?.reportError(limitError(limit, maximum, error.message.replace(/^Syntax Error: /, ''))),
  ];
  const common = { propagateOnRejection: false, exposeLimits: true };
  return [
    maxDepthRule({ ...common, n: limits.maxDepth, flattenFragments: true, onReject: report('maxDepth', limits.maxDepth) }),
    maxAliasesRule({ ...common, n: limits.maxAliases, onReject: report('maxAliases', limits.maxAliases) }),
    maxDirectivesRule({ ...common, n: limits.maxDirectives, onReject: report('maxDirectives', limits.maxDirectives) }),
  ];
}

/**
 * Checks that need the chosen operation and its variables: the cost, and every argument's value
 * (ids, text, dates). Returns the error to answer with, or null. Used for HTTP and WebSocket alike.
 */
export function checkOperation(
  schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined, limits: QueryLimits,
): GraphQLError | null {
  let cost: number;
  try {
    cost = queryCost(schema, document, operation.name?.value, variables, limits);
  } catch (error) {
    if (error instanceof GraphQLError) return null; // variables that do not fit: execution reports them clearly
    throw error;
  }
  if (cost > limits.maxCost) {
    return limitError('maxCost', limits.maxCost, `Query cost limit of ${limits.maxCost} exceeded, estimated ${cost}. Ask for smaller pages or fewer fields.`);
  }
  const problems = findInputProblems(schema, document, operation, variables);
  if (!problems.length) return null;
  const error = inputError(problems);
  (error.extensions as Record<string, unknown>).http = { status: 400 };
  return error;
}

/** Apollo plugins: operation checks, suggestions masked, and HTTP statuses for outages and limits. */
export function protectionPlugins<TContext extends BaseContext>(schema: GraphQLSchema, limits: QueryLimits): ApolloServerPlugin<TContext>[] {
  // Apollo hands the same parsed document to every request with the same query text, and a page
  // asks the same question with the same variables again and again: remember the verdict per
  // document for small variable sets, so the hot path walks the document once, not per request.
  const verdicts = new WeakMap<DocumentNode, Map<string, GraphQLError | null>>();
  const check = (document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined) => {
    const key = `${operation.name?.value ?? ''}:${JSON.stringify(variables ?? {})}`;
    if (key.length > 1_000) return checkOperation(schema, document, operation, variables, limits);
    let known = verdicts.get(document);
    if (!known) verdicts.set(document, (known = new Map()));
    if (!known.has(key)) {
      if (known.size >= 200) known.clear();
      known.set(key, checkOperation(schema, document, operation, variables, limits));
    }
    return known.get(key)!;
  };
  return [
    {
      async requestDidStart() {
        return {
          async didResolveOperation({ document, operation, request }) {
            if (!operation) return;
            const error = check(document, operation, request.variables);
            if (error) throw error;
          },
          async didEncounterErrors({ errors }) {
            if (limits.fieldSuggestions) return;
            for (const error of errors) error.message = error.message.replace(/ ?Did you mean .+\?$/, '');
          },
          // Errors mapped in formatError (e.g. an outage found mid-resolver) set no status of their own.
          async willSendResponse({ response }) {
            if (response.body.kind !== 'single') return;
            const codes = new Set(response.body.singleResult.errors?.map((e) => e.extensions?.code));
            const retryAfter = response.body.singleResult.errors?.map((e) => e.extensions?.retryAfterSeconds).find((s) => typeof s === 'number');
            const status = codes.has('SERVICE_UNAVAILABLE') ? 503 : codes.has('RATE_LIMITED') ? 429 : undefined;
            if (!status) return;
            response.http.status = status;
            response.http.headers.set('retry-after', String(retryAfter ?? 5));
          },
        };
      },
    },
  ];
}
