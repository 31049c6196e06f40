import { graphql } from '#lib/graphql.ts';
import type { RequestHandler } from './$types';

const Csv = graphql(`query OrganizationsCsv { organizationsCsv }`);

/** Serves the API's CSV as a download; a byte-order mark makes Excel read the Polish letters as UTF-8. */
export const GET: RequestHandler = async ({ locals, params }) => {
  const { organizationsCsv } = await locals.api.query(Csv, {});
  const date = new Date().toISOString().slice(0, 10);
  return new Response(`\uFEFF${organizationsCsv}`, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="organizacje-${params.municipality}-${date}.csv"`,
    },
  });
};
