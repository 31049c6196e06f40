import { fail, redirect } from '@sveltejs/kit';
import { graphql } from '#lib/graphql.ts';
import { formValues, text } from '#lib/forms.ts';
import type { Actions } from './$types';

const SignIn = graphql(`mutation SignIn($input: SignInInput!) { signIn(input: $input) { id } }`);

/** Where to go after signing in: a path on this site only. */
const safeNext = (next: string | null, fallback: string) => (next?.startsWith('/') && !next.startsWith('//') ? next : fallback);

export const actions: Actions = {
  default: async ({ request, locals, params, url }) => {
    const form = await request.formData();
    const result = await locals.api.mutate(SignIn, { input: { email: text(form, 'email') ?? '', password: String(form.get('password') ?? '') } });
    if (!result.ok) return fail(400, { failure: result.failure, values: formValues(form) });
    redirect(303, safeNext(url.searchParams.get('next'), `/${params.municipality}`));
  },
};
