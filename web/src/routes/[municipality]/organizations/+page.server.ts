import { graphql, type VariablesOf } from '#lib/graphql.ts';
import type { PageServerLoad } from './$types';

const Directory = graphql(`
  query Directory($filter: OrganizationFilter, $after: String) {
    organizations(filter: $filter, first: 20, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id slug name shortName legalForm activityAreas lookingForVolunteers
          address { district city }
        }
      }
    }
    districts
  }
`);

type Filter = VariablesOf<typeof Directory>['filter'];

const list = (params: URLSearchParams, name: string) => params.getAll(name).filter(Boolean);

/** Filters live in the URL so a search can be bookmarked, shared and rendered on the server. */
export const load: PageServerLoad = async ({ locals, url }) => {
  const params = url.searchParams;
  const year = Number(params.get('opp'));
  const filter = {
    search: params.get('q') || undefined,
    legalForms: list(params, 'form'),
    areas: list(params, 'area'),
    district: params.get('district') || undefined,
    publicBenefitYear: Number.isInteger(year) && year >= 2003 ? year : undefined,
    lookingForVolunteers: params.get('volunteers') === '1' ? true : undefined,
  } as Filter;
  const data = await locals.api.query(Directory, { filter, after: params.get('after') || undefined });
  return { ...data, query: Object.fromEntries([...params.keys()].map((k) => [k, params.getAll(k)])) };
};
