import { graphql } from '#lib/graphql.ts';
import type { PageServerLoad } from './$types';

const Screen = graphql(`query SpeedDatingScreen($id: ID!) { speedDatingSession(id: $id) { id title clock { status round rounds phase phaseEndsAt remainingMs serverTime } } }`);

export const load: PageServerLoad = async ({ locals, params }) => locals.api.query(Screen, { id: params.id });
