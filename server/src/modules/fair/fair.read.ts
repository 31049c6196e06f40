import type { EntityManager } from '@mikro-orm/postgresql';
import { can } from '../../core/auth/policy.js';
import type { Caller } from '../../core/context.js';
import { entityShape, jsonObject, type JsonShape } from '../../core/db/json-read.js';
import { queryPrepared } from '../../core/db/prepared.js';
import { publicReads } from '../../core/db/replicas.js';
import { notFound } from '../../core/errors.js';
import type { Selection } from '../../core/graphql/selection.js';
import { organizationReadShape } from '../organizations/index.js';
import { FairStatus } from './fair.enums.js';
import { Fair, FairApplication, Stand } from './fair.entity.js';

/** A fair as the plan page reads it (see fairShape). */
export type FairRow = Partial<Omit<Fair, 'stands'>> & { id: string; stands?: unknown[]; placements?: unknown[]; applications?: unknown[] };

const PLAN_PUBLIC = `f.status in ('${FairStatus.PUBLISHED}', '${FairStatus.CLOSED}')`;

/**
 * The fair plan in one statement: the fair with its stands, who stands where and the applications,
 * each list as the caller may see it (the same rules as the field resolvers' own paths: placements
 * are public once the plan is published, staff see everything, members their organisations').
 */
function fairShape(em: EntityManager, caller: Caller): JsonShape {
  const staff = can(caller.actor, 'fair.manage');
  const own = [...(caller.actor?.memberships.keys() ?? [])];
  const ownOnly = (column: string) => ({ text: `${column} = any(array[?]::uuid[])`, params: [own] });
  const none = "'[]'::json";
  const placementFilter = staff ? { text: '', params: [] }
    : own.length ? { text: ` and (${PLAN_PUBLIC} or ${ownOnly('pa.organization_id').text})`, params: [own] }
    : { text: ` and ${PLAN_PUBLIC}`, params: [] };
  const applicationFilter = staff ? { text: '', params: [] } : { text: ` and ${ownOnly('ap.organization_id').text}`, params: [own] };
  return {
    ...entityShape(em.getMetadata(Fair), 'f'),
    stands: { list: { from: 'stand st', where: { text: 'st.fair_id = f.id', params: [] }, orderBy: 'st.code', shape: entityShape(em.getMetadata(Stand), 'st') } },
    placements: {
      list: {
        from: 'stand_assignment sa join stand ps on ps.id = sa.stand_id join fair_application pa on pa.id = sa.application_id join organization po on po.id = pa.organization_id',
        where: { text: `sa.fair_id = f.id${placementFilter.text}`, params: placementFilter.params },
        orderBy: 'ps.code',
        shape: { standId: 'sa.stand_id', applicationId: 'sa.application_id', organization: { object: organizationReadShape(em, 'po') } },
      },
    },
    applications: !staff && !own.length ? none : {
      list: {
        from: 'fair_application ap join organization ao on ao.id = ap.organization_id',
        where: { text: `ap.fair_id = f.id${applicationFilter.text}`, params: applicationFilter.params },
        orderBy: 'ap.created_at, ap.id',
        shape: { ...entityShape(em.getMetadata(FairApplication), 'ap'), organization: { object: organizationReadShape(em, 'ao') } },
      },
    },
  };
}

/** One fair for the plan page, visibility included (drafts for staff only), in one statement. */
export async function readFair(em: EntityManager, caller: Caller, id: string, selection: Selection): Promise<FairRow> {
  const drafts = can(caller.actor, 'fair.manage') ? '' : ` and f.status <> '${FairStatus.DRAFT}'`;
  const { text, params } = jsonObject(fairShape(em, caller), selection);
  const [row] = await queryPrepared<{ fair: FairRow }>(
    em, `select ${text} as fair from fair f where f.id = ? and f.municipality_id = ?${drafts}`, [...params, id, caller.municipality.id], publicReads(em, caller));
  // (On a replica that has not caught up with a new fair yet, there is no row either.)
  if (!row) throw notFound('Fair');
  return row.fair;
}
export type ApplicationRow = Partial<Omit<FairApplication, 'organization'>> & { id: string; organization: unknown };
