import { error, fail } from '@sveltejs/kit';
import { graphql } from '#lib/graphql.ts';
import { text } from '#lib/forms.ts';
import type { Actions, PageServerLoad } from './$types';

const Console = graphql(`
  query SpeedDatingConsole($id: ID!) {
    speedDatingSession(id: $id) {
      id title roundCount clock { status round rounds phase phaseEndsAt remainingMs serverTime }
      participants { id name side presence affiliation }
      plan { round seat stays moves }
    }
  }
`);
const Plan = graphql(`mutation PlanSpeedDating($id: ID!) { planSpeedDating(sessionId: $id) { newPairs maxPossiblePairs notes } }`);
const Start = graphql(`mutation StartSpeedDating($id: ID!) { startSpeedDating(sessionId: $id) { id } }`);
const Pause = graphql(`mutation PauseSpeedDating($id: ID!) { pauseSpeedDating(sessionId: $id) { id } }`);
const Resume = graphql(`mutation ResumeSpeedDating($id: ID!) { resumeSpeedDating(sessionId: $id) { id } }`);
const Skip = graphql(`mutation SkipSpeedDating($id: ID!) { skipSpeedDatingRound(sessionId: $id) { id } }`);
const End = graphql(`mutation EndSpeedDating($id: ID!) { endSpeedDating(sessionId: $id) { id } }`);
const Presence = graphql(`mutation SetPresence($p: ID!, $presence: ParticipantPresence!) { setSpeedDatingPresence(participantId: $p, presence: $presence) { id } }`);
const WalkIn = graphql(`mutation WalkIn($input: WalkInInput!) { addSpeedDatingWalkIn(input: $input) { id } }`);

export const load: PageServerLoad = async ({ locals, params, parent }) => {
  if (!(await parent()).isStaff) error(403, 'Forbidden');
  return locals.api.query(Console, { id: params.id });
};

export const actions: Actions = {
  plan: async ({ locals, params }) => {
    const result = await locals.api.mutate(Plan, { id: params.id });
    return result.ok ? { plan: result.data.planSpeedDating } : fail(400, { failure: result.failure });
  },
  control: async ({ request, locals, params }) => {
    const action = String((await request.formData()).get('action'));
    const id = { id: params.id };
    const run = {
      start: () => locals.api.mutate(Start, id),
      pause: () => locals.api.mutate(Pause, id),
      resume: () => locals.api.mutate(Resume, id),
      skip: () => locals.api.mutate(Skip, id),
      end: () => locals.api.mutate(End, id),
    }[action];
    if (!run) return fail(400, { failure: { code: 'BAD_USER_INPUT', message: `Unknown action ${action}.`, fields: [] } });
    const result = await run();
    return result.ok ? { done: action } : fail(400, { failure: result.failure });
  },
  presence: async ({ request, locals }) => {
    const form = await request.formData();
    const result = await locals.api.mutate(Presence, { p: String(form.get('participantId')), presence: String(form.get('presence')) as never });
    return result.ok ? { done: 'presence' } : fail(400, { failure: result.failure });
  },
  walkIn: async ({ request, locals, params }) => {
    const form = await request.formData();
    const result = await locals.api.mutate(WalkIn, {
      input: { sessionId: params.id, name: text(form, 'name') ?? '', side: form.get('side') === 'NGO' ? 'NGO' : 'OFFICIAL', department: text(form, 'department') },
    });
    return result.ok ? { done: 'walkIn' } : fail(400, { failure: result.failure });
  },
};
