import { graphql } from '#lib/graphql.ts';
import type { PageServerLoad } from './$types';

const Privacy = graphql(`
  query PrivacyNotice {
    privacyNotice { controllerPl controllerEn dataProtectionOfficer bodyPl bodyEn updatedAt }
    retentionSettings { eventDataMonths inactiveAccountMonths messageMonths }
  }
`);

export const load: PageServerLoad = ({ locals }) => locals.api.query(Privacy, {});
