/**
 * The API's enum values that forms offer as choices, in the order people expect to read them
 * (`test/i18n.test.ts` checks each list against schema.graphql and that every value has a text).
 */
export const legalForms = ['FOUNDATION', 'ASSOCIATION', 'ORDINARY_ASSOCIATION', 'SPORTS_CLUB', 'VOLUNTEER_FIRE_BRIGADE', 'SOCIAL_COOPERATIVE', 'INFORMAL_GROUP', 'EDUCATIONAL_INSTITUTION', 'CULTURAL_INSTITUTION', 'HOUSING_COOPERATIVE_CLUB'] as const;
export const activityAreas = ['DISABILITY', 'HEALTH', 'CHILDREN_AND_YOUTH', 'SENIORS', 'FAMILY_AND_VIOLENCE_PREVENTION', 'SOCIAL_ASSISTANCE', 'EDUCATION', 'CULTURE_AND_HERITAGE', 'SPORT_AND_TOURISM', 'ECOLOGY_AND_ANIMALS', 'CIVIC_ACTIVITY', 'VOLUNTEERING', 'SAFETY_AND_RESCUE'] as const;
export const accessibilityFeatures = ['STEP_FREE_ENTRANCE', 'LIFT', 'ACCESSIBLE_TOILET', 'INDUCTION_LOOP', 'ACCESSIBLE_PARKING', 'SIGN_LANGUAGE'] as const;
export const activityTypes = ['WORKSHOP', 'SHOW', 'CONSULTATION', 'CONTEST', 'OPEN_OFFICE', 'OTHER'] as const;
export const audiences = ['EVERYONE', 'CHILDREN', 'YOUTH', 'SENIORS', 'FAMILIES'] as const;
export const tentNeeds = ['NO_TENT', 'OWN_TENT', 'TENT_NEEDED'] as const;
export const fairZones = ['CHILDREN', 'SPORT', 'HEALTH', 'CULTURE', 'ECOLOGY', 'SOCIAL'] as const;

/** Select/checkbox options: each value with its text in the interface language. */
export const optionsOf = <T extends string>(values: readonly T[], label: (input: { value: T }) => string) =>
  values.map((value) => ({ value, label: label({ value }) }));
