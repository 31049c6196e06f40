import 'reflect-metadata';
import { getMetadataStorage as validationRules, ValidationTypes } from 'class-validator';
import { getMetadataStorage as graphqlTypes } from 'type-graphql';
import { expect, test } from 'vitest';
import {
  BAD_USER_INPUT_REASONS, CONFLICT_REASONS, ERROR_CODES, FIELD_CODES, NOT_FOUND_REASONS,
} from '../../src/core/error-vocabulary.js';
import { resolvers } from '../../src/schema.js';

// Codes and reasons written in the code are checked by the type checker (conflict(), FieldProblem).
// What it cannot see are class-validator's constraint names: they become field codes at run time.
test('every validation rule on an input answers with a field code of the vocabulary', () => {
  expect(resolvers.length).toBeGreaterThan(0); // the modules, and with them every input class, are loaded
  const storage = validationRules();
  const inputs = graphqlTypes().inputTypes.map((input) => input.target);
  const codes = new Set(inputs.flatMap((target) => storage.getTargetValidationMetadatas(target, '', true, false).flatMap((rule) => {
    if (rule.type === ValidationTypes.IS_DEFINED) return [rule.type];
    if (rule.type !== ValidationTypes.CUSTOM_VALIDATION) return []; // optional, conditional, nested: no code of their own
    return storage.getTargetValidatorConstraints(rule.constraintCls).map((constraint) => constraint.name);
  })));
  expect(codes.size).toBeGreaterThan(10);
  expect([...codes].filter((code) => !(FIELD_CODES as readonly string[]).includes(code))).toEqual([]);
});

test('each word is listed once', () => {
  for (const list of [ERROR_CODES, CONFLICT_REASONS, NOT_FOUND_REASONS, BAD_USER_INPUT_REASONS, FIELD_CODES]) expect(new Set(list).size).toBe(list.length);
  const reasons = [...CONFLICT_REASONS, ...NOT_FOUND_REASONS, ...BAD_USER_INPUT_REASONS];
  expect(new Set(reasons).size).toBe(reasons.length);
});
