import { error } from '@sveltejs/kit';
import { graphql } from '#lib/graphql.ts';
import type { PageServerLoad } from './$types';

const Profile = graphql(`
  query Profile($slug: String!) {
    organization(slug: $slug) {
      id slug name shortName legalForm krs nip regon description activityAreas status
      email phone website socialLinks logoUrl premisesAccessibility accessibilityNotes lookingForVolunteers
      publicBenefitYears viewerRole
      address { street postalCode city district latitude longitude }
    }
  }
`);

export const load: PageServerLoad = async ({ locals, params }) => {
  const { organization } = await locals.api.query(Profile, { slug: params.slug });
  if (!organization) error(404, 'Organisation not found');
  return { organization };
};
