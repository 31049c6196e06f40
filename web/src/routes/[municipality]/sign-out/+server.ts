import { redirect } from '@sveltejs/kit';
import { graphql } from '#lib/graphql.ts';
import type { RequestHandler } from './$types';

const SignOut = graphql(`mutation SignOut { signOut }`);

export const POST: RequestHandler = async ({ locals, params }) => {
  await locals.api.mutate(SignOut, {});
  redirect(303, `/${params.municipality}`);
};
