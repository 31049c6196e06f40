import { graphql } from '#lib/graphql.ts';
import type { PageServerLoad } from './$types';

const Statement = graphql(`
  query AccessibilityStatement {
    accessibilityStatement {
      bodyNamePl bodyNameEn siteUrl publishedOn lastUpdatedOn complianceStatus nonAccessibleContentPl nonAccessibleContentEn
      preparedOn reviewedOn assessmentMethod contactName contactEmail contactPhone procedurePl procedureEn
      architecturePl architectureEn signLanguagePl signLanguageEn
    }
  }
`);

export const load: PageServerLoad = ({ locals }) => locals.api.query(Statement, {});
