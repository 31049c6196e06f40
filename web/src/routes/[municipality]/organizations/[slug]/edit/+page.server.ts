import { error, fail } from '@sveltejs/kit';
import { graphql } from '#lib/graphql.ts';
import { formValues, text } from '#lib/forms.ts';
import { organizationInput } from '#lib/organizations/form.ts';
import type { Actions, PageServerLoad } from './$types';

const Editable = graphql(`
  query EditableOrganization($slug: String!) {
    organization(slug: $slug) {
      id slug name shortName legalForm krs nip regon description activityAreas
      email phone website socialLinks logoUrl premisesAccessibility accessibilityNotes lookingForVolunteers viewerRole
      address { street postalCode city district }
      members { role user { id displayName email } }
    }
  }
`);
const Update = graphql(`mutation UpdateOrganization($id: ID!, $input: UpdateOrganizationInput!) { updateOrganization(id: $id, input: $input) { id } }`);
const AddMember = graphql(`mutation AddMember($input: AddMemberInput!) { addOrganizationMember(input: $input) { role } }`);
const RemoveMember = graphql(`mutation RemoveMember($organizationId: ID!, $userId: ID!) { removeOrganizationMember(organizationId: $organizationId, userId: $userId) }`);

export const load: PageServerLoad = async ({ locals, params, parent }) => {
  const { organization } = await locals.api.query(Editable, { slug: params.slug });
  const { isStaff } = await parent();
  if (!organization || (!organization.viewerRole && !isStaff)) error(404, 'Organisation not found');
  return { organization };
};

export const actions: Actions = {
  save: async ({ request, locals }) => {
    const form = await request.formData();
    const result = await locals.api.mutate(Update, { id: String(form.get('id')), input: organizationInput(form) });
    if (!result.ok) return fail(400, { failure: result.failure, values: formValues(form) });
    return { saved: true };
  },
  addMember: async ({ request, locals }) => {
    const form = await request.formData();
    const result = await locals.api.mutate(AddMember, {
      input: { organizationId: String(form.get('id')), email: text(form, 'email') ?? '', role: (text(form, 'role') ?? 'EDITOR') as 'EDITOR' | 'OWNER' },
    });
    if (!result.ok) return fail(400, { memberFailure: result.failure, memberEmail: text(form, 'email') ?? '' });
    return { memberAdded: true };
  },
  removeMember: async ({ request, locals }) => {
    const form = await request.formData();
    const result = await locals.api.mutate(RemoveMember, { organizationId: String(form.get('id')), userId: String(form.get('userId')) });
    if (!result.ok) return fail(400, { memberFailure: result.failure, memberEmail: '' });
    return { memberRemoved: true };
  },
};
