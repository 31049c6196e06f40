import { fail, redirect } from '@sveltejs/kit';
import { graphql } from '#lib/graphql.ts';
import { formValues, text } from '#lib/forms.ts';
import type { Actions } from './$types';

const SignUp = graphql(`mutation SignUp($input: SignUpInput!) { signUp(input: $input) { id } }`);

export const actions: Actions = {
  default: async ({ request, locals, params }) => {
    const form = await request.formData();
    const result = await locals.api.mutate(SignUp, {
      input: { email: text(form, 'email') ?? '', password: String(form.get('password') ?? ''), displayName: text(form, 'displayName') ?? '' },
    });
    if (!result.ok) return fail(400, { failure: result.failure, values: formValues(form) });
    redirect(303, `/${params.municipality}`);
  },
};
