import { fail, redirect } from '@sveltejs/kit';
import { graphql } from '#lib/graphql.ts';
import { formValues, text } from '#lib/forms.ts';
import type { Actions, PageServerLoad } from './$types';

const Context = graphql(`
  query FairApplyContext($id: ID!) {
    fair(id: $id) {
      id name status applicationsCloseAt
      applications { id needsPower tablesNeeded tent needsStepFree preferredZones wantedNeighbors avoidedNeighbors activity contactName contactPhone organization { id } }
    }
    myOrganizations { id name status }
    organizations(first: 100) { edges { node { id name } } }
  }
`);
const Apply = graphql(`mutation ApplyForStand($input: FairApplicationInput!) { applyForStand(input: $input) { id } }`);
const Update = graphql(`mutation UpdateFairApplication($id: ID!, $input: FairApplicationInput!) { updateFairApplication(id: $id, input: $input) { id } }`);

export const load: PageServerLoad = async ({ locals, parent, params, url }) => {
  const { me } = await parent();
  if (!me) redirect(303, `/${params.municipality}/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`);
  const data = await locals.api.query(Context, { id: url.searchParams.get('fair') ?? '' });
  // Editing: the caller's existing application, when one is asked for (until the window closes).
  const editing = data.fair.applications.find((a) => a.id === url.searchParams.get('application')) ?? null;
  return { fair: data.fair, editing, mine: data.myOrganizations.filter((o) => o.status === 'PUBLISHED'), others: data.organizations.edges.map((e) => e.node) };
};

export const actions: Actions = {
  default: async ({ request, locals, params }) => {
    const form = await request.formData();
    const fairId = String(form.get('fairId'));
    const input = {
      fairId, organizationId: String(form.get('organizationId')),
        needsPower: form.get('needsPower') === 'on', needsStepFree: form.get('needsStepFree') === 'on',
        tablesNeeded: Number(form.get('tablesNeeded') ?? 1), tent: (text(form, 'tent') ?? 'NO_TENT') as never,
        preferredZones: form.getAll('preferredZones').map(String) as never[],
        wantedNeighbors: form.getAll('wantedNeighbors').map(String), avoidedNeighbors: form.getAll('avoidedNeighbors').map(String),
        activity: text(form, 'activity') ?? '', contactName: text(form, 'contactName') ?? '', contactPhone: text(form, 'contactPhone') ?? '',
    };
    const applicationId = text(form, 'applicationId');
    const result = applicationId ? await locals.api.mutate(Update, { id: applicationId, input }) : await locals.api.mutate(Apply, { input });
    if (!result.ok) return fail(400, { failure: result.failure, values: formValues(form) });
    redirect(303, `/${params.municipality}/fair?fair=${fairId}`);
  },
};
