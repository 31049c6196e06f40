import { fail } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { graphql } from '#lib/graphql.ts';
import { text } from '#lib/forms.ts';
import type { Actions, PageServerLoad } from './$types';

const Campaigns = graphql(`query BaubleCampaigns { baubleCampaigns { id year status } }`);
const Campaign = graphql(`
  query BaubleCampaign($id: ID!) {
    baubleCampaign(id: $id) {
      id title year status baublesPrepared baublesInStock limitOrganization limitInstitution limitResident
      pickupPlace returnDeadline treeEventAt treeEventPlace pickupWindows { id startsAt endsAt }
    }
    myBaubleSignups(campaignId: $id) { id code status kind quantity pickedUpQuantity returnedQuantity queueNumber holderName pickupWindow { startsAt } }
    myOrganizations { id name }
  }
`);
const SignUp = graphql(`mutation SignUpForBaubles($input: BaubleSignupInput!) { signUpForBaubles(input: $input) { id status } }`);
const Cancel = graphql(`mutation CancelBaubles($id: ID!) { cancelBaubleSignup(id: $id) { id } }`);
const Greet = graphql(`mutation PostGreeting($input: GreetingInput!) { postGreeting(input: $input) { id } }`);

/** This year's open campaign if there is one, else the newest visible. */
export const load: PageServerLoad = async ({ locals }) => {
  const { baubleCampaigns } = await locals.api.query(Campaigns, {});
  const current = baubleCampaigns.find((c) => c.status === 'OPEN') ?? baubleCampaigns[0];
  if (!current) return { campaign: null, signups: [], organizations: [] };
  const data = await locals.api.query(Campaign, { id: current.id });
  // QR codes are drawn on the server: the page shows them without scripts, and they print.
  const signups = await Promise.all(
    data.myBaubleSignups.map(async (s) => ({ ...s, qr: await QRCode.toString(s.code, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) })),
  );
  return { campaign: data.baubleCampaign, signups, organizations: data.myOrganizations };
};

export const actions: Actions = {
  signUp: async ({ request, locals }) => {
    const form = await request.formData();
    const kind = (text(form, 'kind') ?? 'RESIDENT') as 'RESIDENT' | 'ORGANIZATION' | 'INSTITUTION';
    const result = await locals.api.mutate(SignUp, {
      input: {
        campaignId: String(form.get('campaignId')), kind, quantity: Number(form.get('quantity') ?? 0), pickupWindowId: String(form.get('pickupWindowId') ?? ''),
        organizationId: kind === 'ORGANIZATION' ? text(form, 'organizationId') : null,
        institutionName: kind === 'INSTITUTION' ? text(form, 'institutionName') : null,
      },
    });
    return result.ok ? { signedUp: result.data.signUpForBaubles.status } : fail(400, { signUpFailure: result.failure });
  },
  cancel: async ({ request, locals }) => {
    const result = await locals.api.mutate(Cancel, { id: String((await request.formData()).get('id')) });
    return result.ok ? { cancelled: true } : fail(400, { signUpFailure: result.failure });
  },
  greet: async ({ request, locals }) => {
    const form = await request.formData();
    const result = await locals.api.mutate(Greet, { input: { campaignId: String(form.get('campaignId')), text: text(form, 'text') ?? '' } });
    return result.ok ? { greeted: true } : fail(400, { greetFailure: result.failure, greeting: text(form, 'text') ?? '' });
  },
};
