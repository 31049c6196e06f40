import { fail, redirect } from '@sveltejs/kit';
import { graphql } from '#lib/graphql.ts';
import type { Actions, PageServerLoad } from './$types';

const DeleteAccount = graphql(`mutation DeleteMyAccount($input: DeleteAccountInput!) { deleteMyAccount(input: $input) }`);

export const load: PageServerLoad = async ({ parent, params, url }) => {
  const { me } = await parent();
  if (!me) redirect(303, `/${params.municipality}/sign-in?next=${encodeURIComponent(url.pathname)}`);
  return {};
};

export const actions: Actions = {
  delete: async ({ request, locals, params }) => {
    const form = await request.formData();
    if (form.get('confirm') !== 'yes') {
      return fail(400, { failure: { code: 'BAD_USER_INPUT', message: 'Confirm the deletion.', fields: [{ field: 'confirm', code: 'confirmRequired', message: 'Confirm the deletion.' }] } });
    }
    const result = await locals.api.mutate(DeleteAccount, { input: { password: String(form.get('password') ?? '') } });
    if (!result.ok) return fail(400, { failure: result.failure });
    // The API has ended every session; its cleared cookie went to the browser with this response.
    redirect(303, `/${params.municipality}/account/deleted`);
  },
};
