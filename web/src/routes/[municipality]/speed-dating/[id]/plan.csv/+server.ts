import { graphql } from '#lib/graphql.ts';
import type { RequestHandler } from './$types';

const Csv = graphql(`query SpeedDatingPlanCsv($id: ID!) { speedDatingPlanCsv(sessionId: $id) }`);

/** The plan, which after the session is also the record of who met whom. */
export const GET: RequestHandler = async ({ locals, params }) => {
  const { speedDatingPlanCsv } = await locals.api.query(Csv, { id: params.id });
  return new Response(`\uFEFF${speedDatingPlanCsv}`, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="randki-plan.csv"' },
  });
};
