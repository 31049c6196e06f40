import { redirect, fail } from '@sveltejs/kit';
import { graphql } from '#lib/graphql.ts';
import { formValues } from '#lib/forms.ts';
import { organizationInput } from '#lib/organizations/form.ts';
import type { Actions, PageServerLoad } from './$types';

const Register = graphql(`mutation RegisterOrganization($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { slug } }`);

export const load: PageServerLoad = async ({ parent, params, url }) => {
  const { me } = await parent();
  if (!me) redirect(303, `/${params.municipality}/sign-in?next=${encodeURIComponent(url.pathname)}`);
};

export const actions: Actions = {
  default: async ({ request, locals, params }) => {
    const form = await request.formData();
    const result = await locals.api.mutate(Register, { input: organizationInput(form) });
    if (!result.ok) return fail(400, { failure: result.failure, values: formValues(form) });
    redirect(303, `/${params.municipality}/organizations/${result.data.registerOrganization.slug}`);
  },
};
