import { graphql } from '#lib/graphql.ts';
import type { PageServerLoad } from './$types';

const Guide = graphql(`
  query PublicBenefitGuide($year: Int!) {
    publicBenefitGuide(taxYear: $year) {
      taxYear taxPercentage
      organizations { id slug name krs description activityAreas phone email website address { street postalCode city } }
    }
  }
`);

/** The guide defaults to last year's taxes: those are the returns people file this spring. */
export const load: PageServerLoad = async ({ locals, url }) => {
  const requested = Number(url.searchParams.get('year'));
  const year = Number.isInteger(requested) && requested >= 2003 && requested <= 2100 ? requested : new Date().getFullYear() - 1;
  return locals.api.query(Guide, { year });
};
