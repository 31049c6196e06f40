import { IsDefined, type ValidationError, ValidateBy, ValidateIf, validate } from 'class-validator';
import { type FieldProblem, inputError } from './errors.js';
import { isCalendarDate } from './time.js';

/** Flattens class-validator's nested errors into `address.postalCode`-style field paths. */
function toProblems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix + error.property;
    const own = Object.entries(error.constraints ?? {}).map(([code, message]) => ({ field, code, message }));
    return [...own, ...toProblems(error.children ?? [], `${field}.`)];
  });
}

/** type-graphql hook: every argument and input object is validated before a resolver runs. */
export async function validateArgument(argValue: unknown): Promise<void> {
  if (argValue === null || typeof argValue !== 'object') return;
  const values = Array.isArray(argValue) ? argValue : [argValue];
  const errors = (await Promise.all(values.map((value) => validate(value as object, { forbidUnknownValues: false })))).flat();
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
