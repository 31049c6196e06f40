import { error, fail } from '@sveltejs/kit';
import { graphql } from '#lib/graphql.ts';
import type { Actions, PageServerLoad } from './$types';

const Pending = graphql(`
  query PendingOrganizations {
    organizations(filter: { status: PENDING }, first: 100) {
      totalCount
      edges { node { id slug name legalForm krs nip regon createdAt publicBenefitYears address { city district } members { user { displayName email } } } }
    }
  }
`);
const Publish = graphql(`mutation Publish($id: ID!) { publishOrganization(id: $id) { id } }`);
const Archive = graphql(`mutation Archive($id: ID!) { archiveOrganization(id: $id) { id } }`);

export const load: PageServerLoad = async ({ locals, parent }) => {
  const { isStaff } = await parent();
  if (!isStaff) error(403, 'Forbidden');
  return locals.api.query(Pending, {});
};

export const actions: Actions = {
  publish: async ({ request, locals }) => {
    const result = await locals.api.mutate(Publish, { id: String((await request.formData()).get('id')) });
    return result.ok ? { done: 'published' } : fail(400, { failure: result.failure });
  },
  archive: async ({ request, locals }) => {
    const result = await locals.api.mutate(Archive, { id: String((await request.formData()).get('id')) });
    return result.ok ? { done: 'archived' } : fail(400, { failure: result.failure });
  },
};
