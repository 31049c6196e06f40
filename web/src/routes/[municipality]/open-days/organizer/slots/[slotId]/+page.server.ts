import { fail } from '@sveltejs/kit';
import { graphql } from '#lib/graphql.ts';
import type { Actions, PageServerLoad } from './$types';

const Attendees = graphql(`
  query SlotAttendees($slotId: ID!) {
    openDaysSlotAttendees(slotId: $slotId) { id code status partySize queueNumber attendance holderName slot { startsAt endsAt activity { title } } }
  }
`);
const CheckIn = graphql(`mutation CheckIn($code: String!, $slotId: ID) { checkInOpenDaysBooking(code: $code, slotId: $slotId) { id holderName } }`);
const Mark = graphql(`mutation MarkAttendance($input: AttendanceInput!) { markOpenDaysAttendance(input: $input) { id } }`);
const CancelAsOrganizer = graphql(`mutation CancelAsOrganizer($id: ID!) { cancelOpenDaysBookingAsOrganizer(id: $id) { id } }`);

export const load: PageServerLoad = async ({ locals, params }) => locals.api.query(Attendees, { slotId: params.slotId });

export const actions: Actions = {
  checkIn: async ({ request, locals, params }) => {
    const code = String((await request.formData()).get('code') ?? '');
    const result = await locals.api.mutate(CheckIn, { code, slotId: params.slotId });
    return result.ok ? { checkedIn: result.data.checkInOpenDaysBooking.holderName } : fail(400, { failure: result.failure, code });
  },
  mark: async ({ request, locals }) => {
    const form = await request.formData();
    const result = await locals.api.mutate(Mark, { input: { bookingId: String(form.get('bookingId')), attendance: form.get('attendance') === 'NO_SHOW' ? 'NO_SHOW' : 'ATTENDED' } });
    return result.ok ? { marked: true } : fail(400, { failure: result.failure, code: '' });
  },
  cancel: async ({ request, locals }) => {
    const result = await locals.api.mutate(CancelAsOrganizer, { id: String((await request.formData()).get('bookingId')) });
    return result.ok ? { cancelled: true } : fail(400, { failure: result.failure, code: '' });
  },
};
