import {
  type DocumentNode, getArgumentValues, getNamedType, getVariableValues, type GraphQLInputType, type GraphQLSchema, isInputObjectType, isListType, isNonNullType,
  isScalarType, Kind, type OperationDefinitionNode, TypeInfo, visit, visitWithTypeInfo,
} from 'graphql';
import type { FieldProblem } from '../errors.js';
import { NO_SUCH_ID } from './id.js';

/** Longest string any argument may carry; fields set their own, smaller limits. */
export const MAX_STRING_LENGTH = 10_000;
// Dates PostgreSQL and every client can handle; an event platform needs nothing outside them.
const EARLIEST = Date.UTC(1900, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);

/**
 * Checks every argument of an operation by its GraphQL type, before any resolver runs: strings are
 * well-formed text without NUL and of bounded length, dates are in range, and ids of mutations and
 * subscriptions are UUIDs (a query looks a malformed id up as an unknown one: see `ID`). One walk per
 * operation, whatever the data size, so every field of every module is covered the same way.
 */
export function findInputProblems(
  schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, rawVariables: Record<string, unknown> | undefined,
): FieldProblem[] {
  const { coerced } = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
  // Variables that do not fit their types are refused by GraphQL itself, with a clear message.
  if (!coerced) return [];
  const problems: FieldProblem[] = [];
  const refuseMalformedIds = operation.operation !== 'query';
  const typeInfo = new TypeInfo(schema);
  const visitor = visitWithTypeInfo(typeInfo, {
    Field(node) {
      const field = typeInfo.getFieldDef();
      if (!field?.args.length) return;
      let values: Record<string, unknown>;
      try {
        values = getArgumentValues(field, node, coerced);
      } catch {
        return; // an invalid literal: validation reports it
      }
      for (const arg of field.args) checkValue(arg.type, values[arg.name], arg.name, refuseMalformedIds, problems);
    },
  });
  for (const definition of document.definitions) {
    if (definition === operation || definition.kind === Kind.FRAGMENT_DEFINITION) visit(definition, visitor);
  }
  return problems;
}

function checkValue(type: GraphQLInputType, value: unknown, path: string, refuseMalformedIds: boolean, problems: FieldProblem[]): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) return checkValue(type.ofType, value, path, refuseMalformedIds, problems);
  if (isListType(type)) {
    if (Array.isArray(value)) value.forEach((item, i) => checkValue(type.ofType, item, `${path}[${i}]`, refuseMalformedIds, problems));
    return;
  }
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    for (const [name, fieldValue] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[name];
      if (field) checkValue(field.type, fieldValue, `${path}.${name}`, refuseMalformedIds, problems);
    }
    return;
  }
  const problem = isScalarType(type) ? scalarProblem(getNamedType(type).name, value, refuseMalformedIds) : null;
  if (problem) problems.push({ field: path, ...problem });
}

function scalarProblem(scalar: string, value: unknown, refuseMalformedIds: boolean): Omit<FieldProblem, 'field'> | null {
  if (scalar === 'ID') {
    // The ID scalar has turned anything that is not a UUID into NO_SUCH_ID already.
    return refuseMalformedIds && value === NO_SUCH_ID ? { code: 'invalidId', message: 'This is not a valid id.' } : null;
  }
  if (typeof value === 'string') return textProblem(value);
  if (value instanceof Date) {
    const time = value.getTime();
    return time >= EARLIEST && time < LATEST ? null : { code: 'dateRange', message: 'The date must be between the years 1900 and 2199.' };
  }
  return null;
}

/** Text PostgreSQL can store and every client can show: no NUL, no lone surrogates, bounded. */
export function textProblem(value: string): Omit<FieldProblem, 'field'> | null {
  if (value.length > MAX_STRING_LENGTH) return { code: 'tooLong', message: `The text may have at most ${MAX_STRING_LENGTH} characters.` };
  if (value.includes('\u0000') || !value.isWellFormed()) return { code: 'invalidText', message: 'The text contains characters that are not allowed.' };
  return null;
}
