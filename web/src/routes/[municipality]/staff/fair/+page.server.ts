import { error, fail } from '@sveltejs/kit';
import { graphql } from '#lib/graphql.ts';
import { text } from '#lib/forms.ts';
import type { MutationResult } from '#lib/server/api.ts';
import type { Actions, PageServerLoad } from './$types';

const Fairs = graphql(`query StaffFairs { fairs { id name status } }`);
const Plan = graphql(`
  query StaffFairPlan($id: ID!) {
    fair(id: $id) {
      id name status planWidth planHeight
      stands { id code zone x y width height reserved }
      placements { standId applicationId organization { name } }
      applications {
        id status decisionReason needsPower tablesNeeded tent needsStepFree preferredZones activity contactName contactPhone
        organization { id name }
      }
    }
    fairPlanReport(fairId: $id) { placed unplaced score maxScore placeable bestBound gap provenOptimal unmetWishes { applicationId kind organizationId } }
  }
`);
const Review = graphql(`mutation ReviewFairApplication($input: ReviewInput!) { reviewFairApplication(input: $input) { id } }`);
const Allocate = graphql(`mutation AllocateStands($fairId: ID!) { allocateFairStands(fairId: $fairId) { placed } }`);
const Assign = graphql(`mutation AssignStand($a: ID!, $s: ID!) { assignFairStand(applicationId: $a, standId: $s) }`);
const Swap = graphql(`mutation SwapStands($a: ID!, $b: ID!) { swapFairStands(firstApplicationId: $a, secondApplicationId: $b) }`);
const Unassign = graphql(`mutation UnassignStand($a: ID!) { unassignFairStand(applicationId: $a) }`);
const Status = graphql(`mutation SetFairStatus($id: ID!, $status: FairStatus!) { setFairStatus(id: $id, status: $status) { id } }`);

export const load: PageServerLoad = async ({ locals, parent, url }) => {
  if (!(await parent()).isStaff) error(403, 'Forbidden');
  const { fairs } = await locals.api.query(Fairs, {});
  const chosen = fairs.find((f) => f.id === url.searchParams.get('fair')) ?? fairs[0];
  if (!chosen) return { fairs, fair: null, report: null };
  const data = await locals.api.query(Plan, { id: chosen.id });
  return { fairs, fair: data.fair, report: data.fairPlanReport };
};

/** `at` says which form answered, so the page shows the outcome next to it. */
const done = (result: MutationResult<unknown>, at: string) => (result.ok ? { updated: true, at } : fail(400, { failure: result.failure, at }));
const fairId = async (request: Request) => String((await request.formData()).get('fairId'));

export const actions: Actions = {
  review: async ({ request, locals }) => {
    const form = await request.formData();
    const id = String(form.get('id'));
    return done(await locals.api.mutate(Review, { input: { applicationId: id, status: String(form.get('status')) as never, reason: text(form, 'reason') } }), id);
  },
  allocate: async ({ request, locals }) => done(await locals.api.mutate(Allocate, { fairId: await fairId(request) }), 'plan'),
  publish: async ({ request, locals }) => done(await locals.api.mutate(Status, { id: await fairId(request), status: 'PUBLISHED' }), 'plan'),
  /** Back to allocating: the public no longer sees who stands where. */
  unpublish: async ({ request, locals }) => done(await locals.api.mutate(Status, { id: await fairId(request), status: 'ALLOCATING' }), 'plan'),
  /** Click-to-edit: the target stand's occupant decides between a move and a swap. */
  move: async ({ request, locals }) => {
    const form = await request.formData();
    const application = String(form.get('applicationId'));
    const occupant = text(form, 'occupantApplicationId');
    return done(occupant
      ? await locals.api.mutate(Swap, { a: application, b: occupant })
      : await locals.api.mutate(Assign, { a: application, s: String(form.get('standId')) }), 'map');
  },
  unassign: async ({ request, locals }) => {
    const id = String((await request.formData()).get('applicationId'));
    return done(await locals.api.mutate(Unassign, { a: id }), id);
  },
};
