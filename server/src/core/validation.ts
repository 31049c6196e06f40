import { getMetadataStorage, IS_OPTIONAL, IsDefined, type ValidationError, ValidateBy, ValidateIf, validate } from 'class-validator';
import { isFieldCode } from './error-vocabulary.js';
import { type FieldProblem, inputError } from './errors.js';
import { isCalendarDate } from './time.js';

const isBlank = (value: unknown) => typeof value === 'string' && value.trim() === '';

/** `@IsOptional()`: the field may be null, and then has no value (rather than an empty one). */
const isOptional = (target: object, property: string) =>
  getMetadataStorage().getTargetValidationMetadatas(target.constructor, '', true, false)
    .some((rule) => rule.propertyName === property && rule.name === IS_OPTIONAL);

/**
 * The input as its rules should see it: blank text in a field that is not optional becomes '', since
 * services store text trimmed. Three spaces are then judged as the empty name they will be, not as a
 * name of three characters. A copy: what resolvers receive stays as sent.
 */
function asStored(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asStored);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const copy = Object.create(Object.getPrototypeOf(value) as object) as Record<string, unknown>;
  for (const [key, field] of Object.entries(value)) copy[key] = isBlank(field) && !isOptional(value, key) ? '' : asStored(field);
  return copy;
}

/**
 * Flattens class-validator's nested errors into `address.postalCode`-style field paths. An empty
 * field its rules refuse is `required`, whichever rule refused it (a length, a format). Constraint
 * names are the field codes; one missing from the vocabulary still answers, as `invalid` (a test
 * checks every decorator in use is listed).
 */
function toProblems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error): FieldProblem[] => {
    const field = prefix + error.property;
    if (error.value === '' && error.target && !isOptional(error.target, error.property)) {
      return [{ field, code: 'required', message: 'This field is required.' }];
    }
    const own = Object.entries(error.constraints ?? {}).map(([name, message]): FieldProblem => ({ field, code: isFieldCode(name) ? name : 'invalid', message }));
    return [...own, ...toProblems(error.children ?? [], `${field}.`)];
  });
}

/** type-graphql hook: every argument and input object is validated before a resolver runs. */
export async function validateArgument(argValue: unknown): Promise<void> {
  if (argValue === null || typeof argValue !== 'object') return;
  const values = asStored(Array.isArray(argValue) ? argValue : [argValue]) as object[];
  const errors = (await Promise.all(values.map((value) => validate(value, { forbidUnknownValues: false })))).flat();
  if (errors.length) throw inputError(toProblems(errors));
}

/**
 * For update inputs: the field may be left out (the stored value stays) but not set to null, because
 * the thing it describes cannot be empty (a name, a type, a list). Nullable fields that can be
 * cleared use `@IsOptional()` instead, and null clears them.
 */
export function Omittable(): PropertyDecorator {
  return (target, key) => {
    ValidateIf((_object, value) => value !== undefined)(target, key);
    IsDefined({ message: 'Leave this field out to keep its value; it cannot be empty.' })(target, key);
  };
}

/** A Warsaw calendar date field, `YYYY-MM-DD`: a real date between 1900 and 2199. */
export const IsCalendarDate = () =>
  ValidateBy({
    name: 'calendarDate',
    validator: { validate: (value: unknown) => isCalendarDate(value), defaultMessage: () => 'Use a real date like 2026-10-19.' },
  });
