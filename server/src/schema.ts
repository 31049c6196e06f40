import 'reflect-metadata';
import { buildSchema } from 'type-graphql';
import { validateArgument } from './core/validation.js';
import { AccountResolver } from './modules/accounts/index.js';
import { MunicipalityResolver } from './modules/municipalities/index.js';
import { MembershipResolver, OrganizationResolver } from './modules/organizations/index.js';

/** Every resolver of the API. Modules add theirs here. */
export const resolvers = [MunicipalityResolver, AccountResolver, OrganizationResolver, MembershipResolver] as const;

export function buildAppSchema() {
  return buildSchema({ resolvers, validateFn: validateArgument });
}
