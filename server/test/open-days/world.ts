import { Role } from '../../src/core/auth/roles.js';
import { warsawDate, warsawTimeToInstant } from '../../src/core/time.js';
import type { TestApp, TestClient } from '../support/harness.js';

const DAY = 24 * 3600 * 1000;

export interface OpenDaysWorld {
  staff: TestClient;
  organizer: TestClient;
  organizationId: string;
  editionId: string;
  activityId: string;
  /** A slot of the approved activity `daysAhead` days from now. */
  slot(options?: { capacity?: number | null; maxPartySize?: number; daysAhead?: number; hours?: number }): Promise<string>;
}

/**
 * A published edition running from tomorrow for ten days, a published organisation with an organiser
 * (its OWNER), and one approved activity: set up through the API the way staff and organisers do.
 */
export async function openDaysWorld(app: TestApp, municipality = 'leszno'): Promise<OpenDaysWorld> {
  const { client: staff } = await app.clientAs(Role.STAFF, { municipality });
  const { client: organizer, organizationId } = await app.organizationMember({ municipality });

  const now = Date.now();
  const { createOpenDaysEdition: edition } = await staff.ok(
    `mutation($input: EditionInput!) { createOpenDaysEdition(input: $input) { id } }`,
    { input: { name: 'Drzwi Otwarte', startsOn: warsawDate(new Date(now + DAY)), endsOn: warsawDate(new Date(now + 11 * DAY)), submissionsOpenAt: new Date(now - DAY).toISOString(), submissionsCloseAt: new Date(now + DAY).toISOString() } },
  );
  await staff.ok(`mutation($id: ID!) { setOpenDaysEditionStatus(id: $id, status: OPEN) { id } }`, { id: edition.id });
  const { submitOpenDaysActivity: activity } = await organizer.ok(
    `mutation($input: SubmitActivityInput!) { submitOpenDaysActivity(input: $input) { id } }`,
    { input: { editionId: edition.id, organizationId: organizationId, title: 'Warsztaty ceramiki', type: 'WORKSHOP', description: 'Lepimy z gliny miski i kubki.', audience: 'FAMILIES' } },
  );
  await staff.ok(`mutation($id: ID!) { reviewOpenDaysActivity(id: $id, status: APPROVED) { id } }`, { id: activity.id });
  await staff.ok(`mutation($id: ID!) { setOpenDaysEditionStatus(id: $id, status: PUBLISHED) { id } }`, { id: edition.id });

  let nextFree = 0;
  return {
    staff,
    organizer,
    organizationId: organizationId,
    editionId: edition.id,
    activityId: activity.id,
    async slot({ capacity = 10, maxPartySize = Math.min(4, capacity ?? 4), daysAhead = 2, hours = 1 } = {}) {
      // From 9:00 Warsaw time of that day, after the activity's previous slot: they never overlap.
      const startsAt = new Date(Math.max(nextFree, warsawTimeToInstant(warsawDate(new Date(now + daysAhead * DAY)), '09:00').getTime()));
      nextFree = startsAt.getTime() + hours * 3_600_000;
      const { addOpenDaysSlot } = await organizer.ok(
        `mutation($input: SlotInput!) { addOpenDaysSlot(input: $input) { id } }`,
        { input: { activityId: activity.id, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + hours * 3_600_000).toISOString(), capacity, maxPartySize } },
      );
      return addOpenDaysSlot.id;
    },
  };
}
