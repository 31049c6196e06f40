import { error, fail } from '@sveltejs/kit';
import { graphql } from '#lib/graphql.ts';
import { formValues, text } from '#lib/forms.ts';
import { warsawToIso } from '#lib/time.ts';
import type { Actions, PageServerLoad } from './$types';

const Editions = graphql(`query StaffEditions { openDaysEditions { id name status startsOn endsOn submissionsOpenAt submissionsCloseAt } }`);
const EditionDetails = graphql(`
  query StaffEditionDetails($editionId: ID!) {
    openDaysActivities(editionId: $editionId) { id title type status organization { name slug } slots { id } }
    openDaysTotals(editionId: $editionId) {
      byOrganization { key label slots capacity confirmedSeats waitlistedSeats attendedSeats attendanceRate }
      byDay { key label slots capacity confirmedSeats waitlistedSeats attendedSeats attendanceRate }
    }
  }
`);
const Create = graphql(`mutation CreateEdition($input: EditionInput!) { createOpenDaysEdition(input: $input) { id } }`);
const SetStatus = graphql(`mutation SetEditionStatus($id: ID!, $status: EditionStatus!) { setOpenDaysEditionStatus(id: $id, status: $status) { id } }`);
const Review = graphql(`mutation ReviewActivity($id: ID!, $status: ActivityStatus!) { reviewOpenDaysActivity(id: $id, status: $status) { id } }`);

export const load: PageServerLoad = async ({ locals, parent, url }) => {
  if (!(await parent()).isStaff) error(403, 'Forbidden');
  const { openDaysEditions } = await locals.api.query(Editions, {});
  const edition = openDaysEditions.find((e) => e.id === url.searchParams.get('edition')) ?? openDaysEditions[0];
  const details = edition ? await locals.api.query(EditionDetails, { editionId: edition.id }) : null;
  return { editions: openDaysEditions, edition, details };
};

export const actions: Actions = {
  create: async ({ request, locals }) => {
    const form = await request.formData();
    const date = (name: string) => text(form, name) ?? '';
    const result = await locals.api.mutate(Create, {
      input: {
        name: text(form, 'name') ?? '',
        startsOn: date('startsOn'),
        endsOn: date('endsOn'),
        submissionsOpenAt: warsawToIso(date('submissionsOpenOn') || date('startsOn'), '00:00'),
        submissionsCloseAt: warsawToIso(date('submissionsCloseOn') || date('startsOn'), '23:59'),
      },
    });
    return result.ok ? { created: true } : fail(400, { failure: result.failure, values: formValues(form) });
  },
  status: async ({ request, locals }) => {
    const form = await request.formData();
    const result = await locals.api.mutate(SetStatus, { id: String(form.get('id')), status: String(form.get('status')) as never });
    return result.ok ? { updated: true } : fail(400, { failure: result.failure });
  },
  review: async ({ request, locals }) => {
    const form = await request.formData();
    const result = await locals.api.mutate(Review, { id: String(form.get('id')), status: form.get('status') === 'REJECTED' ? 'REJECTED' : 'APPROVED' });
    return result.ok ? { reviewed: true } : fail(400, { failure: result.failure });
  },
};
