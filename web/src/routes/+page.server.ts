import { graphql } from '#lib/graphql.ts';
import type { PageServerLoad } from './$types';

const Municipalities = graphql(`query Municipalities { municipalities { slug name } }`);

export const load: PageServerLoad = async ({ locals }) => locals.api.query(Municipalities, {});
