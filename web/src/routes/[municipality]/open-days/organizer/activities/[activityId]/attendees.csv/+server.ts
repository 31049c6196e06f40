import { graphql } from '#lib/graphql.ts';
import type { RequestHandler } from './$types';

const Csv = graphql(`query AttendeesCsv($activityId: ID!) { openDaysAttendeesCsv(activityId: $activityId) }`);

export const GET: RequestHandler = async ({ locals, params }) => {
  const { openDaysAttendeesCsv } = await locals.api.query(Csv, { activityId: params.activityId });
  return new Response(`\uFEFF${openDaysAttendeesCsv}`, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="uczestnicy-${params.activityId.slice(0, 8)}.csv"` },
  });
};
