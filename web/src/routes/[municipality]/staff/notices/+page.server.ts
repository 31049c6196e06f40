import { error, fail } from '@sveltejs/kit';
import { graphql } from '#lib/graphql.ts';
import { formValues } from '#lib/forms.ts';
import type { Actions, PageServerLoad } from './$types';

const Notices = graphql(`
  query StaffNotices {
    retentionSettings { eventDataMonths inactiveAccountMonths messageMonths updatedAt }
    privacyNotice { controllerPl controllerEn dataProtectionOfficer bodyPl bodyEn }
    accessibilityStatement {
      bodyNamePl bodyNameEn siteUrl publishedOn lastUpdatedOn complianceStatus nonAccessibleContentPl nonAccessibleContentEn
      preparedOn reviewedOn assessmentMethod contactName contactEmail contactPhone procedurePl procedureEn
      architecturePl architectureEn signLanguagePl signLanguageEn
    }
  }
`);
const SaveRetention = graphql(`mutation SaveRetention($input: RetentionSettingsInput!) { updateRetentionSettings(input: $input) { eventDataMonths } }`);
const SavePrivacy = graphql(`mutation SavePrivacyNotice($input: PrivacyNoticeInput!) { updatePrivacyNotice(input: $input) { updatedAt } }`);
const SaveStatement = graphql(`mutation SaveAccessibilityStatement($input: AccessibilityStatementInput!) { updateAccessibilityStatement(input: $input) { updatedAt } }`);

export const load: PageServerLoad = async ({ locals, parent }) => {
  if (!(await parent()).isStaff) error(403, 'Forbidden');
  return locals.api.query(Notices, {});
};

/** Text as typed (trimmed by the API); whole numbers as numbers (anything else is refused by the API, per field). */
const textOf = (form: FormData, name: string) => String(form.get(name) ?? '');
const monthsOf = (form: FormData, name: string) => {
  const value = Number(form.get(name));
  return Number.isInteger(value) ? value : -1;
};

export const actions: Actions = {
  retention: async ({ request, locals }) => {
    const form = await request.formData();
    const result = await locals.api.mutate(SaveRetention, {
      input: { eventDataMonths: monthsOf(form, 'eventDataMonths'), inactiveAccountMonths: monthsOf(form, 'inactiveAccountMonths'), messageMonths: monthsOf(form, 'messageMonths') },
    });
    return result.ok ? { saved: 'retention' as const } : fail(400, { section: 'retention' as const, failure: result.failure, values: formValues(form) });
  },
  privacy: async ({ request, locals }) => {
    const form = await request.formData();
    const result = await locals.api.mutate(SavePrivacy, {
      input: {
        controllerPl: textOf(form, 'controllerPl'), controllerEn: textOf(form, 'controllerEn'), dataProtectionOfficer: textOf(form, 'dataProtectionOfficer'),
        bodyPl: textOf(form, 'bodyPl'), bodyEn: textOf(form, 'bodyEn'),
      },
    });
    return result.ok ? { saved: 'privacy' as const } : fail(400, { section: 'privacy' as const, failure: result.failure, values: formValues(form) });
  },
  accessibility: async ({ request, locals }) => {
    const form = await request.formData();
    const field = (name: string) => textOf(form, name);
    const result = await locals.api.mutate(SaveStatement, {
      input: {
        bodyNamePl: field('bodyNamePl'), bodyNameEn: field('bodyNameEn'), siteUrl: field('siteUrl'),
        publishedOn: field('publishedOn'), lastUpdatedOn: field('lastUpdatedOn'),
        complianceStatus: field('complianceStatus') as 'COMPLIANT' | 'PARTIALLY_COMPLIANT' | 'NON_COMPLIANT',
        nonAccessibleContentPl: field('nonAccessibleContentPl'), nonAccessibleContentEn: field('nonAccessibleContentEn'),
        preparedOn: field('preparedOn'), reviewedOn: field('reviewedOn'),
        assessmentMethod: field('assessmentMethod') as 'SELF_ASSESSMENT' | 'EXTERNAL_AUDIT',
        contactName: field('contactName'), contactEmail: field('contactEmail'), contactPhone: field('contactPhone'),
        procedurePl: field('procedurePl'), procedureEn: field('procedureEn'),
        architecturePl: field('architecturePl'), architectureEn: field('architectureEn'),
        signLanguagePl: field('signLanguagePl'), signLanguageEn: field('signLanguageEn'),
      },
    });
    return result.ok ? { saved: 'accessibility' as const } : fail(400, { section: 'accessibility' as const, failure: result.failure, values: formValues(form) });
  },
};
