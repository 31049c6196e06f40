import type { FieldProblem, MutationFailure } from './server/api.ts';

export type { FieldProblem, MutationFailure };

/** Text inputs: trimmed, empty means "not given" (null), so optional fields can be cleared. */
export const text = (form: FormData, name: string): string | null => {
  const value = String(form.get(name) ?? '').trim();
  return value === '' ? null : value;
};

/** The form's values as plain data, to refill it after a refused submission (passwords left out). */
export function formValues(form: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    if (key === 'password') continue;
    const all = form.getAll(key).map(String);
    values[key] = all.length > 1 ? all : all[0]!;
  }
  return values;
}

export const problemsFor = (failure: MutationFailure | undefined, field: string): FieldProblem[] =>
  failure?.fields.filter((p) => p.field === field) ?? [];
