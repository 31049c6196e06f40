import { graphql } from '#lib/graphql.ts';
import type { PageServerLoad } from './$types';

const Campaigns = graphql(`query WallCampaigns { baubleCampaigns { id title status } }`);
const Wall = graphql(`query Wall($campaignId: ID!) { greetings(campaignId: $campaignId) { id text signature } }`);

export const load: PageServerLoad = async ({ locals }) => {
  const { baubleCampaigns } = await locals.api.query(Campaigns, {});
  const campaign = baubleCampaigns.find((c) => c.status === 'OPEN') ?? baubleCampaigns[0];
  if (!campaign) return { campaign: null, greetings: [] };
  return { campaign, greetings: (await locals.api.query(Wall, { campaignId: campaign.id })).greetings };
};
