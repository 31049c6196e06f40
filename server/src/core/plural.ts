const rules = new Intl.PluralRules('pl');

/** The forms a Polish noun takes after a whole number: 1 bombka, 2 bombki, 5 bombek. */
export interface PolishForms {
  one: string;
  few: string;
  many: string;
}

/**
 * The form of the noun that follows `n`, by the standard Polish rules (CLDR's, through Intl): 1 is
 * `one`; numbers ending in 2–4, except 12–14, are `few`; every other whole number is `many`.
 */
export function polishPlural(n: number, forms: PolishForms): string {
  const category = rules.select(n);
  return category === 'one' || category === 'few' ? forms[category] : forms.many;
}
