import { error, fail } from '@sveltejs/kit';
import { graphql } from '#lib/graphql.ts';
import type { Actions, PageServerLoad } from './$types';

const FailedMessages = graphql(`
  query FailedMessages($after: String) {
    failedMessages(first: 50, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id kind recipient subject createdAt attempts lastError } }
    }
  }
`);
const Resend = graphql(`mutation ResendMessage($id: ID!) { resendMessage(id: $id) { id } }`);
const ResendAll = graphql(`mutation ResendAllFailedMessages { resendAllFailedMessages }`);

export const load: PageServerLoad = async ({ locals, parent, url }) => {
  const { isStaff } = await parent();
  if (!isStaff) error(403, 'Forbidden');
  return locals.api.query(FailedMessages, { after: url.searchParams.get('after') });
};

export const actions: Actions = {
  resend: async ({ request, locals }) => {
    const result = await locals.api.mutate(Resend, { id: String((await request.formData()).get('id')) });
    return result.ok ? { resent: 1 } : fail(400, { failure: result.failure });
  },
  resendAll: async ({ locals }) => {
    const result = await locals.api.mutate(ResendAll, {});
    return result.ok ? { resent: result.data.resendAllFailedMessages } : fail(400, { failure: result.failure });
  },
};
