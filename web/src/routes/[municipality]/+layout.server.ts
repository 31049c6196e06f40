import { error } from '@sveltejs/kit';
import { graphql } from '#lib/graphql.ts';
import type { LayoutServerLoad } from './$types';

const Viewer = graphql(`
  query Viewer {
    currentMunicipality { slug name }
    me { id displayName role }
    myOrganizations { id }
  }
`);

export const load: LayoutServerLoad = async ({ locals }) => {
  const data = await locals.api.query(Viewer, {});
  if (!data.currentMunicipality) error(404, 'Unknown municipality');
  const role = data.me?.role;
  return {
    municipality: data.currentMunicipality,
    me: data.me,
    isStaff: role === 'STAFF' || role === 'ADMIN',
    hasOrganizations: data.myOrganizations.length > 0,
  };
};
