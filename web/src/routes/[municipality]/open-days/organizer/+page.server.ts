import { fail, redirect } from '@sveltejs/kit';
import { graphql } from '#lib/graphql.ts';
import { formValues, text } from '#lib/forms.ts';
import { warsawToIso } from '#lib/time.ts';
import type { Actions, PageServerLoad } from './$types';

const Context = graphql(`
  query OrganizerContext {
    myOrganizations { id name status }
    openDaysEditions { id name status startsOn endsOn submissionsCloseAt }
  }
`);
const Activities = graphql(`
  query OrganizerActivities($editionId: ID!, $organizationId: ID!) {
    openDaysActivities(editionId: $editionId, organizationId: $organizationId) {
      id title type status audience
      slots { id startsAt endsAt capacity confirmedSeats waitlisted }
    }
  }
`);
const Submit = graphql(`mutation SubmitActivity($input: SubmitActivityInput!) { submitOpenDaysActivity(input: $input) { id } }`);
const AddSlot = graphql(`mutation AddSlot($input: SlotInput!) { addOpenDaysSlot(input: $input) { id } }`);

export const load: PageServerLoad = async ({ locals, parent, params, url }) => {
  const { me } = await parent();
  if (!me) redirect(303, `/${params.municipality}/sign-in?next=${encodeURIComponent(url.pathname)}`);
  const { myOrganizations, openDaysEditions } = await locals.api.query(Context, {});
  const organization = myOrganizations.find((o) => o.id === url.searchParams.get('organization')) ?? myOrganizations[0];
  const edition = openDaysEditions.find((e) => e.id === url.searchParams.get('edition'))
    ?? openDaysEditions.find((e) => e.status === 'OPEN') ?? openDaysEditions.find((e) => e.status === 'PUBLISHED');
  const activities = organization && edition
    ? (await locals.api.query(Activities, { editionId: edition.id, organizationId: organization.id })).openDaysActivities
    : [];
  return { organizations: myOrganizations, editions: openDaysEditions, organization, edition, activities };
};

export const actions: Actions = {
  submit: async ({ request, locals }) => {
    const form = await request.formData();
    const result = await locals.api.mutate(Submit, {
      input: {
        editionId: String(form.get('editionId')),
        organizationId: String(form.get('organizationId')),
        title: text(form, 'title') ?? '',
        type: (text(form, 'type') ?? 'WORKSHOP') as never,
        description: text(form, 'description') ?? '',
        audience: (text(form, 'audience') ?? 'EVERYONE') as never,
        placeNotes: text(form, 'placeNotes'),
        accessibilityNotes: text(form, 'accessibilityNotes'),
      },
    });
    return result.ok ? { submitted: true } : fail(400, { submitFailure: result.failure, values: formValues(form) });
  },
  addSlot: async ({ request, locals }) => {
    const form = await request.formData();
    const date = text(form, 'date') ?? '';
    const dropIn = form.get('dropIn') === 'on';
    const valid = /^\d{4}-\d{2}-\d{2}$/.test(date) && /^\d{2}:\d{2}$/.test(text(form, 'start') ?? '') && /^\d{2}:\d{2}$/.test(text(form, 'end') ?? '');
    if (!valid) {
      return fail(400, { activityId: String(form.get('activityId')), slotFailure: { code: 'BAD_USER_INPUT', message: 'date', fields: [{ field: 'startsAt', code: 'required', message: 'Date and times are required.' }] } });
    }
    const result = await locals.api.mutate(AddSlot, {
      input: {
        activityId: String(form.get('activityId')),
        startsAt: warsawToIso(date, text(form, 'start')!),
        endsAt: warsawToIso(date, text(form, 'end')!),
        capacity: dropIn ? null : Number(form.get('capacity')),
        maxPartySize: dropIn ? 1 : Number(form.get('maxPartySize') ?? 1),
      },
    });
    return result.ok ? { slotAdded: true } : fail(400, { activityId: String(form.get('activityId')), slotFailure: result.failure });
  },
};
