import { graphql } from '#lib/graphql.ts';
import type { PageServerLoad } from './$types';

const Sessions = graphql(`query SpeedDatingSessions { speedDatingSessions { id title startsAt place clock { status } } }`);

export const load: PageServerLoad = async ({ locals }) => locals.api.query(Sessions, {});
