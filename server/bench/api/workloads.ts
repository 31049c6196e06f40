/**
 * What each workload asks of each contender. Razem's documents are the web app's (see the routes
 * under web/src/routes/[municipality]/), trimmed to the fields named in issue 11; PostGraphile's ask
 * its generated schema for the same data under its own names; the floor takes the variables only.
 * `normalise*` reduce each answer to the data, so the verification step can compare contenders.
 */
import type { BenchData } from './seed.js';
import type { RequestSpec } from './load.js';

export type ContenderName = 'Razem' | 'PostGraphile' | 'floor';
export type ReadWorkload = 'directory' | 'programme' | 'fair';

const RAZEM_DIRECTORY = `query Directory($after: String) {
  organizations(first: 50, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        id slug name shortName legalForm activityAreas lookingForVolunteers email
        address { street postalCode city district }
        members { role user { displayName } }
      }
    }
  }
}`;

const POSTGRAPHILE_DIRECTORY = `query Directory($municipalityId: UUID!, $after: Cursor) {
  allOrganizations(condition: { municipalityId: $municipalityId, status: "PUBLISHED" }, orderBy: [SORT_NAME_ASC, ROW_ID_ASC], first: 50, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        rowId slug name shortName legalForm activityAreas lookingForVolunteers email
        addressStreet addressPostalCode addressCity addressDistrict
        membershipsByMunicipalityIdAndOrganizationId(orderBy: [CREATED_AT_ASC]) { nodes { role userByMunicipalityIdAndUserId { displayName } } }
      }
    }
  }
}`;

const RAZEM_PROGRAMME = `query OpenDaysProgramme($editionId: ID!, $after: String) {
  openDaysProgramme(editionId: $editionId, first: 50, after: $after) {
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
}`;

// PostGraphile has no sessions here: the viewer's bookings are asked for by user id; seats left are capacity − seats taken.
const POSTGRAPHILE_PROGRAMME = `query OpenDaysProgramme($editionId: UUID!, $userId: UUID!, $after: Cursor) {
  allSlots(
    filter: { activityByMunicipalityIdAndActivityId: { editionId: { equalTo: $editionId }, status: { equalTo: "APPROVED" } } }
    orderBy: [STARTS_AT_ASC, ROW_ID_ASC], first: 50, after: $after
  ) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        rowId startsAt endsAt capacity seatsTaken maxPartySize
        waitlist: bookingsByMunicipalityIdAndSlotId(condition: { status: "WAITLISTED" }) { totalCount }
        viewerBooking: bookingsByMunicipalityIdAndSlotId(condition: { userId: $userId }) { nodes { rowId status code partySize queueNumber } }
        activityByMunicipalityIdAndActivityId {
          rowId title type audience description placeNotes accessibilityNotes
          placeStreet placePostalCode placeCity placeDistrict
          organizationByMunicipalityIdAndOrganizationId { name slug }
        }
      }
    }
  }
}`;

const RAZEM_FAIR = `query FairMap($id: ID!) {
  fair(id: $id) {
    id name venue status opensAt closesAt applicationsOpenAt applicationsCloseAt planWidth planHeight
    stands { id code zone x y width height reserved reservedFor }
    placements { standId applicationId organization { id name slug } }
  }
}`;

const POSTGRAPHILE_FAIR = `query FairMap($id: UUID!) {
  fairByRowId(rowId: $id) {
    rowId name venue status opensAt closesAt applicationsOpenAt applicationsCloseAt planWidth planHeight
    standsByMunicipalityIdAndFairId(orderBy: [CODE_ASC]) { nodes { rowId code zone x y width height reserved reservedFor } }
    standAssignmentsByMunicipalityIdAndFairId { nodes { standId applicationId fairApplicationByMunicipalityIdAndApplicationId { organizationByMunicipalityIdAndOrganizationId { rowId name slug } } } }
  }
}`;

export const RAZEM_BOOK = `mutation BookSlot($input: BookSlotInput!) { bookOpenDaysSlot(input: $input) { id status code queueNumber } }`;

/** The directory page as the web app sends it (first: 20, with districts), for the SSR comparison. */
export const RAZEM_WEB_DIRECTORY = `query Directory($filter: OrganizationFilter, $after: String) {
  organizations(filter: $filter, first: 20, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id slug name shortName legalForm activityAreas lookingForVolunteers address { district city } } }
  }
  districts
}`;

const json = { 'content-type': 'application/json' };

/** Headers of a browser's session in the municipality (as the web app forwards them). */
export const sessionHeaders = (data: BenchData, token: string) => ({
  ...json, 'x-municipality': data.municipalitySlug, cookie: `razem_session=${token}`,
});

const graphql = (query: string, variables: object, headers: Record<string, string>): RequestSpec => ({
  path: '/graphql', headers, body: JSON.stringify({ query, variables }),
});
const floor = (route: string, variables: object, headers: Record<string, string>): RequestSpec => ({
  path: `/${route}`, headers, body: JSON.stringify({ variables }),
});

/** Request i of a read workload: the directory as staff, the programme as resident i, the fair plan as an anonymous visitor. */
export function readRequest(workload: ReadWorkload, contender: ContenderName, data: BenchData): (i: number) => RequestSpec {
  const staff = sessionHeaders(data, data.staffToken);
  const anonymous = { ...json, 'x-municipality': data.municipalitySlug };
  const resident = (i: number) => i % data.residentTokens.length;
  const plans: Record<ReadWorkload, Record<ContenderName, (i: number) => RequestSpec>> = {
    directory: {
      Razem: () => graphql(RAZEM_DIRECTORY, {}, staff),
      PostGraphile: () => graphql(POSTGRAPHILE_DIRECTORY, { municipalityId: data.municipalityId }, json),
      floor: () => floor('directory', { first: 50 }, staff),
    },
    programme: {
      Razem: (i) => graphql(RAZEM_PROGRAMME, { editionId: data.editionId }, sessionHeaders(data, data.residentTokens[resident(i)]!)),
      PostGraphile: (i) => graphql(POSTGRAPHILE_PROGRAMME, { editionId: data.editionId, userId: data.residentIds[resident(i)] }, json),
      floor: (i) => floor('programme', { editionId: data.editionId, first: 50 }, sessionHeaders(data, data.residentTokens[resident(i)]!)),
    },
    fair: {
      Razem: () => graphql(RAZEM_FAIR, { id: data.fairId }, anonymous),
      PostGraphile: () => graphql(POSTGRAPHILE_FAIR, { id: data.fairId }, json),
      floor: () => floor('fair', { id: data.fairId }, anonymous),
    },
  };
  return plans[workload][contender];
}

/**
 * Booking request i: a different resident each time and, for each resident, a slot in another time
 * window on every later turn (window = resident + turn), so no booking clashes with the same
 * person's earlier ones; residents sharing a window spread over its slots.
 */
export function bookingTarget(data: BenchData, i: number): { resident: number; slotId: string } {
  const residents = data.residentTokens.length;
  const resident = i % residents;
  const turn = Math.floor(i / residents);
  if (turn >= data.windows) throw new Error('more bookings than the seeded week has time windows for; lower the duration');
  const window = (resident + turn) % data.windows;
  const slotsInWindow = Math.ceil((data.slotIds.length - window) / data.windows);
  const k = (Math.floor(resident / data.windows) + turn * 7) % slotsInWindow;
  return { resident, slotId: data.slotIds[window + k * data.windows]! };
}

export function bookingRequest(contender: 'Razem' | 'floor', data: BenchData, target: (i: number) => { resident: number; slotId: string }) {
  return (i: number): RequestSpec => {
    const { resident, slotId } = target(i);
    const headers = sessionHeaders(data, data.residentTokens[resident]!);
    const input = { slotId, partySize: 1, waitlistIfFull: true };
    return contender === 'Razem' ? graphql(RAZEM_BOOK, { input }, headers) : floor('book', { input }, headers);
  };
}

// ----- Normalised answers, to check that the contenders return the same data -----

type Json = Record<string, any>;

const sortedNames = (names: string[]) => [...names].sort().join(', ');

export function normalise(workload: ReadWorkload, contender: ContenderName, body: string): unknown {
  const data = (JSON.parse(body) as Json).data as Json;
  if (workload === 'directory') {
    const list = contender === 'PostGraphile' ? data.allOrganizations : data.organizations;
    return {
      totalCount: list.totalCount, hasNextPage: list.pageInfo.hasNextPage,
      rows: (list.edges as Json[]).map(({ node: n }) => contender === 'PostGraphile'
        ? [n.rowId, n.name, n.legalForm, n.addressStreet, sortedNames((n.membershipsByMunicipalityIdAndOrganizationId.nodes as Json[]).map((m) => `${m.role} ${m.userByMunicipalityIdAndUserId.displayName}`))]
        : [n.id, n.name, n.legalForm, n.address.street, sortedNames((n.members as Json[]).map((m) => `${m.role} ${m.user.displayName}`))]),
    };
  }
  if (workload === 'programme') {
    const list = contender === 'PostGraphile' ? data.allSlots : data.openDaysProgramme;
    return {
      totalCount: list.totalCount, hasNextPage: list.pageInfo.hasNextPage,
      rows: (list.edges as Json[]).map(({ node: n }) => contender === 'PostGraphile'
        ? [n.rowId, new Date(n.startsAt).toISOString(), n.capacity - n.seatsTaken, n.waitlist.totalCount, n.activityByMunicipalityIdAndActivityId.title, n.activityByMunicipalityIdAndActivityId.organizationByMunicipalityIdAndOrganizationId.name]
        : [n.id, new Date(n.startsAt).toISOString(), n.seatsLeft, n.waitlisted, n.activity.title, n.activity.organization.name]),
    };
  }
  const fair = contender === 'PostGraphile' ? data.fairByRowId : data.fair;
  const stands = contender === 'PostGraphile' ? fair.standsByMunicipalityIdAndFairId.nodes : fair.stands;
  const placements = contender === 'PostGraphile'
    ? (fair.standAssignmentsByMunicipalityIdAndFairId.nodes as Json[]).map((p) => `${p.standId} ${p.fairApplicationByMunicipalityIdAndApplicationId.organizationByMunicipalityIdAndOrganizationId.name}`)
    : (fair.placements as Json[]).map((p) => `${p.standId} ${p.organization.name}`);
  return { name: fair.name, stands: (stands as Json[]).map((s) => `${contender === 'PostGraphile' ? s.rowId : s.id} ${s.code}`), placements: placements.sort() };
}
