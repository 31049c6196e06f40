import { fail, redirect } from '@sveltejs/kit';
import { graphql, type VariablesOf } from '#lib/graphql.ts';
import type { Actions, PageServerLoad } from './$types';

const Editions = graphql(`query OpenDaysEditions { openDaysEditions { id name startsOn endsOn status } }`);

const Programme = graphql(`
  query OpenDaysProgramme($editionId: ID!, $filter: ProgrammeFilter, $after: String) {
    openDaysProgramme(editionId: $editionId, filter: $filter, first: 50, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id startsAt endsAt capacity seatsLeft waitlisted maxPartySize bookable
          viewerBooking { id status code partySize queueNumber }
          activity {
            id title type audience description placeNotes accessibilityNotes
            place { street postalCode city district }
            organization { name slug }
          }
        }
      }
    }
    districts
  }
`);

const Book = graphql(`mutation BookSlot($input: BookSlotInput!) { bookOpenDaysSlot(input: $input) { id status code } }`);
const Cancel = graphql(`mutation CancelBooking($id: ID!) { cancelOpenDaysBooking(id: $id) { id status } }`);

type Filter = VariablesOf<typeof Programme>['filter'];

/** The newest edition people can book, else the newest visible one. */
const currentEdition = <E extends { status: string }>(editions: E[]) => editions.find((e) => e.status === 'PUBLISHED') ?? editions[0];

export const load: PageServerLoad = async ({ locals, url }) => {
  const { openDaysEditions } = await locals.api.query(Editions, {});
  const params = url.searchParams;
  const edition = openDaysEditions.find((e) => e.id === params.get('edition')) ?? currentEdition(openDaysEditions);
  if (!edition) return { edition: null, editions: openDaysEditions, programme: null, districts: [], query: {} };
  const filter = {
    day: params.get('day') || undefined,
    types: params.getAll('type').filter(Boolean),
    audiences: params.getAll('audience').filter(Boolean),
    district: params.get('district') || undefined,
    withSeatsLeft: params.get('seats') === '1' ? true : undefined,
    search: params.get('q') || undefined,
  } as Filter;
  const data = await locals.api.query(Programme, { editionId: edition.id, filter, after: params.get('after') || undefined });
  return {
    edition,
    editions: openDaysEditions,
    programme: data.openDaysProgramme,
    districts: data.districts,
    query: Object.fromEntries([...params.keys()].map((k) => [k, params.getAll(k)])),
  };
};

export const actions: Actions = {
  book: async ({ request, locals, params, url }) => {
    const form = await request.formData();
    const slotId = String(form.get('slotId'));
    const result = await locals.api.mutate(Book, {
      input: { slotId, partySize: Number(form.get('partySize') ?? 1), waitlistIfFull: form.get('waitlistIfFull') === 'true' },
    });
    if (!result.ok) {
      if (result.failure.code === 'UNAUTHENTICATED') redirect(303, `/${params.municipality}/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`);
      return fail(409, { slotId, failure: result.failure, partySize: Number(form.get('partySize') ?? 1) });
    }
    return { slotId, outcome: result.data.bookOpenDaysSlot.status === 'CONFIRMED' ? ('booked' as const) : ('waitlisted' as const) };
  },
  cancel: async ({ request, locals }) => {
    const form = await request.formData();
    const result = await locals.api.mutate(Cancel, { id: String(form.get('bookingId')) });
    if (!result.ok) return fail(409, { slotId: String(form.get('slotId')), failure: result.failure, partySize: 1 });
    return { slotId: String(form.get('slotId')), outcome: 'cancelled' as const };
  },
};
