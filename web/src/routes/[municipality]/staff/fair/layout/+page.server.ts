import { error, fail } from '@sveltejs/kit';
import { graphql } from '#lib/graphql.ts';
import { formValues, text } from '#lib/forms.ts';
import type { MutationResult } from '#lib/server/api.ts';
import type { Actions, PageServerLoad } from './$types';

const Fairs = graphql(`query LayoutFairs { fairs { id name } }`);
const Layout = graphql(`
  query FairLayout($id: ID!) {
    fair(id: $id) {
      id name status planWidth planHeight
      stands { id code zone x y width height hasPower tentProvided tables stepFree reserved reservedFor }
      placements { standId organization { name } }
    }
  }
`);
const Add = graphql(`mutation AddStand($fairId: ID!, $input: StandInput!) { addStand(fairId: $fairId, input: $input) { id code } }`);
const Update = graphql(`mutation UpdateStand($id: ID!, $input: StandInput!) { updateStand(id: $id, input: $input) { id code } }`);
const Remove = graphql(`mutation RemoveStand($id: ID!) { removeStand(id: $id) }`);
const Copy = graphql(`mutation CopyFairLayout($fairId: ID!, $fromFairId: ID!) { copyFairLayout(fairId: $fairId, fromFairId: $fromFairId) { id } }`);

export const load: PageServerLoad = async ({ locals, parent, url }) => {
  if (!(await parent()).isStaff) error(403, 'Forbidden');
  const { fairs } = await locals.api.query(Fairs, {});
  const chosen = fairs.find((f) => f.id === url.searchParams.get('fair')) ?? fairs[0];
  if (!chosen) return { fairs, fair: null };
  return { fairs, fair: (await locals.api.query(Layout, { id: chosen.id })).fair };
};

const standInput = (form: FormData) => ({
  code: (text(form, 'code') ?? '').toUpperCase(),
  zone: String(form.get('zone')) as never,
  x: Number(form.get('x')), y: Number(form.get('y')), width: Number(form.get('width')), height: Number(form.get('height')),
  hasPower: form.get('hasPower') === 'on', tentProvided: form.get('tentProvided') === 'on', stepFree: form.get('stepFree') === 'on',
  tables: Number(form.get('tables')), reserved: form.get('reserved') === 'on', reservedFor: text(form, 'reservedFor'),
});

/** The stand the answer is about (to keep it selected), or why not with the values to show again. */
function answer(result: MutationResult<{ id: string; code: string }>, form: FormData) {
  return result.ok ? { saved: result.data.id, code: result.data.code } : fail(400, { failure: result.failure, values: formValues(form) });
}

export const actions: Actions = {
  add: async ({ request, locals }) => {
    const form = await request.formData();
    const result = await locals.api.mutate(Add, { fairId: String(form.get('fairId')), input: standInput(form) });
    return answer(result.ok ? { ok: true, data: result.data.addStand } : result, form);
  },
  update: async ({ request, locals }) => {
    const form = await request.formData();
    const result = await locals.api.mutate(Update, { id: String(form.get('id')), input: standInput(form) });
    return answer(result.ok ? { ok: true, data: result.data.updateStand } : result, form);
  },
  remove: async ({ request, locals }) => {
    const form = await request.formData();
    const result = await locals.api.mutate(Remove, { id: String(form.get('id')) });
    return result.ok ? { removed: true } : fail(400, { failure: result.failure, values: formValues(form) });
  },
  copy: async ({ request, locals }) => {
    const form = await request.formData();
    const result = await locals.api.mutate(Copy, { fairId: String(form.get('fairId')), fromFairId: String(form.get('fromFairId')) });
    return result.ok ? { copied: result.data.copyFairLayout.length } : fail(400, { failure: result.failure, at: 'copy' });
  },
};
