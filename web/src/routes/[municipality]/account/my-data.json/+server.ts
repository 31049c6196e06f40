import { graphql } from '#lib/graphql.ts';
import type { RequestHandler } from './$types';

const MyData = graphql(`query MyPersonalData { myPersonalData }`);

/** Everything the API stores about the signed-in person, as a JSON download (signed out: the sign-in page). */
export const GET: RequestHandler = async ({ locals, params }) => {
  const { myPersonalData } = await locals.api.query(MyData, {});
  const date = new Date().toISOString().slice(0, 10);
  return new Response(myPersonalData, {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="razem-moje-dane-${params.municipality}-${date}.json"`,
      // Personal data: never kept by a browser cache or a proxy.
      'cache-control': 'no-store',
    },
  });
};
