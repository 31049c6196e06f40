import { graphql } from '#lib/graphql.ts';
import type { RequestHandler } from './$types';

const Campaigns = graphql(`query CsvCampaigns { baubleCampaigns { id status year } }`);
const Csv = graphql(`query BaubleCsv($campaignId: ID!) { baubleSignupsCsv(campaignId: $campaignId) }`);

export const GET: RequestHandler = async ({ locals }) => {
  const { baubleCampaigns } = await locals.api.query(Campaigns, {});
  const campaign = baubleCampaigns.find((c) => c.status === 'OPEN') ?? baubleCampaigns[0];
  if (!campaign) return new Response('Not found', { status: 404 });
  const { baubleSignupsCsv } = await locals.api.query(Csv, { campaignId: campaign.id });
  return new Response(`\uFEFF${baubleSignupsCsv}`, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="bombki-${campaign.year}.csv"` },
  });
};
