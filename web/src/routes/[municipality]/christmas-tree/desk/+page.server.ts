import { error, fail } from '@sveltejs/kit';
import { graphql } from '#lib/graphql.ts';
import type { Actions, PageServerLoad } from './$types';

const Campaigns = graphql(`query DeskCampaigns { baubleCampaigns { id title status baublesPrepared baublesInStock } }`);
const Desk = graphql(`
  query Desk($campaignId: ID!, $search: String!) {
    baubleDeskSearch(campaignId: $campaignId, search: $search) { id code kind status quantity pickedUpQuantity returnedQuantity holderName }
    baubleDashboard(campaignId: $campaignId) { kind status signups baubles }
    greetings(campaignId: $campaignId, status: PENDING) { id text signature }
  }
`);
const Pickup = graphql(`mutation DeskPickup($campaignId: ID!, $input: DeskQuantityInput!) { recordBaublePickup(campaignId: $campaignId, input: $input) { holderName pickedUpQuantity } }`);
const Return = graphql(`mutation DeskReturn($campaignId: ID!, $input: DeskQuantityInput!) { recordBaubleReturn(campaignId: $campaignId, input: $input) { holderName returnedQuantity } }`);
const Moderate = graphql(`mutation ModerateGreeting($id: ID!, $status: GreetingStatus!) { moderateGreeting(id: $id, status: $status) { id } }`);

export const load: PageServerLoad = async ({ locals, parent, url }) => {
  if (!(await parent()).isStaff) error(403, 'Forbidden');
  const { baubleCampaigns } = await locals.api.query(Campaigns, {});
  const campaign = baubleCampaigns.find((c) => c.status === 'OPEN') ?? baubleCampaigns[0];
  if (!campaign) return { campaign: null, search: '', results: [], dashboard: [], pending: [] };
  const search = url.searchParams.get('q') ?? '';
  const data = await locals.api.query(Desk, { campaignId: campaign.id, search });
  return { campaign, search, results: data.baubleDeskSearch, dashboard: data.baubleDashboard, pending: data.greetings };
};

const quantityAction = (document: typeof Pickup | typeof Return, done: 'pickedUp' | 'returned') =>
  async ({ request, locals }: { request: Request; locals: App.Locals }) => {
    const form = await request.formData();
    const result = await locals.api.mutate(document as typeof Pickup, {
      campaignId: String(form.get('campaignId')),
      input: { code: String(form.get('code')), quantity: Number(form.get('quantity')) },
    });
    return result.ok ? { done, code: String(form.get('code')) } : fail(400, { failure: result.failure, code: String(form.get('code')) });
  };

export const actions: Actions = {
  pickup: quantityAction(Pickup, 'pickedUp'),
  return: quantityAction(Return, 'returned'),
  moderate: async ({ request, locals }) => {
    const form = await request.formData();
    const result = await locals.api.mutate(Moderate, { id: String(form.get('id')), status: form.get('status') === 'REJECTED' ? 'REJECTED' : 'APPROVED' });
    return result.ok ? { moderated: true } : fail(400, { failure: result.failure, code: '' });
  },
};
