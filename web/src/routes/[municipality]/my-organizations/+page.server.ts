import { redirect } from '@sveltejs/kit';
import { graphql } from '#lib/graphql.ts';
import type { PageServerLoad } from './$types';

const Mine = graphql(`query MyOrganizations { myOrganizations { id slug name status viewerRole } }`);

export const load: PageServerLoad = async ({ locals, parent, params, url }) => {
  const { me } = await parent();
  if (!me) redirect(303, `/${params.municipality}/sign-in?next=${encodeURIComponent(url.pathname)}`);
  return locals.api.query(Mine, {});
};
