import { graphql } from '#lib/graphql.ts';
import type { PageServerLoad } from './$types';

const Fairs = graphql(`query Fairs { fairs { id name status opensAt } }`);
const FairMap = graphql(`
  query FairMap($id: ID!) {
    fair(id: $id) {
      id name venue status opensAt closesAt applicationsOpenAt applicationsCloseAt planWidth planHeight
      stands { id code zone x y width height reserved reservedFor }
      placements { standId applicationId organization { id name slug } }
      applications { id status decisionReason organization { id name } }
    }
  }
`);

/** The published fair the public wants to see, unless one is chosen; else the newest. */
export const load: PageServerLoad = async ({ locals, url }) => {
  const { fairs } = await locals.api.query(Fairs, {});
  const chosen = fairs.find((f) => f.id === url.searchParams.get('fair')) ?? fairs.find((f) => f.status === 'PUBLISHED') ?? fairs[0];
  if (!chosen) return { fairs, fair: null, search: '' };
  const { fair } = await locals.api.query(FairMap, { id: chosen.id });
  return { fairs, fair, search: url.searchParams.get('q') ?? '' };
};
