import { fail } from '@sveltejs/kit';
import { graphql } from '#lib/graphql.ts';
import type { Actions, PageServerLoad } from './$types';

const Session = graphql(`
  query SpeedDatingView($id: ID!) {
    speedDatingSession(id: $id) {
      id title startsAt place roundMinutes roundCount registrationClosesAt
      clock { status round rounds phase phaseEndsAt remainingMs serverTime }
      me { id side }
      mySeats { round seat partnerName partnerAffiliation }
    }
    mySpeedDatingMeetings(sessionId: $id) { round name affiliation email phone }
    myOrganizations { id name }
  }
`);
const Register = graphql(`mutation RegisterSpeedDating($input: RegisterInput!) { registerForSpeedDating(input: $input) { id } }`);

export const load: PageServerLoad = async ({ locals, params }) => locals.api.query(Session, { id: params.id });

export const actions: Actions = {
  register: async ({ request, locals, params }) => {
    const form = await request.formData();
    const side = form.get('side') === 'OFFICIAL' ? 'OFFICIAL' : 'NGO';
    const result = await locals.api.mutate(Register, {
      input: { sessionId: params.id, side, organizationId: side === 'NGO' ? String(form.get('organizationId') ?? '') : null, shareContacts: form.get('shareContacts') === 'on' },
    });
    return result.ok ? { registered: true } : fail(400, { failure: result.failure });
  },
};
