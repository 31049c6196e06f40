import { error } from '@sveltejs/kit';
import { graphql } from '#lib/graphql.ts';
import type { PageServerLoad } from './$types';

const Cards = graphql(`query SpeedDatingCards($id: ID!) { speedDatingSession(id: $id) { id title startsAt place roundCount participants { id name side } plan { round seat stays moves } } }`);

export const load: PageServerLoad = async ({ locals, params, parent }) => {
  if (!(await parent()).isStaff) error(403, 'Forbidden');
  return locals.api.query(Cards, { id: params.id });
};
