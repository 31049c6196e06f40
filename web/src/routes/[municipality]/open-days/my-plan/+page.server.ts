import { fail, redirect } from '@sveltejs/kit';
import { graphql } from '#lib/graphql.ts';
import type { Actions, PageServerLoad } from './$types';

const Plan = graphql(`
  query MyPlan {
    myOpenDaysBookings {
      id status code partySize queueNumber
      slot { id startsAt endsAt activity { title placeNotes place { street postalCode city } organization { name slug } } }
    }
    myOpenDaysPlan { calendarPath }
  }
`);
const EnableCalendar = graphql(`mutation EnableCalendar { enableOpenDaysCalendar { calendarPath } }`);
const Cancel = graphql(`mutation CancelFromPlan($id: ID!) { cancelOpenDaysBooking(id: $id) { id } }`);

export const load: PageServerLoad = async ({ locals, parent, params, url }) => {
  const { me } = await parent();
  if (!me) redirect(303, `/${params.municipality}/sign-in?next=${encodeURIComponent(url.pathname)}`);
  return { ...(await locals.api.query(Plan, {})), origin: url.origin };
};

export const actions: Actions = {
  calendar: async ({ locals }) => {
    const result = await locals.api.mutate(EnableCalendar, {});
    return result.ok ? { calendarEnabled: true } : fail(400, { failure: result.failure });
  },
  cancel: async ({ request, locals }) => {
    const result = await locals.api.mutate(Cancel, { id: String((await request.formData()).get('bookingId')) });
    return result.ok ? { cancelled: true } : fail(409, { failure: result.failure });
  },
};
