import { graphql } from '#lib/graphql.ts';
import type { RequestHandler } from './$types';

const Csv = graphql(`query ExhibitorsCsv($fairId: ID!) { fairExhibitorsCsv(fairId: $fairId) }`);

export const GET: RequestHandler = async ({ locals, url }) => {
  const { fairExhibitorsCsv } = await locals.api.query(Csv, { fairId: url.searchParams.get('fair') ?? '' });
  return new Response(`\uFEFF${fairExhibitorsCsv}`, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="wystawcy.csv"' },
  });
};
