import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { byIdLoader } from '../../core/db/by-id-loader.js';
import { Membership } from './membership.entity.js';
import { Organization } from './organization.entity.js';

/** Members of many organisations in one query, for list pages that show them. */
export const membershipsByOrganization = (em: EntityManager) =>
  new DataLoader<string, Membership[]>(async (organizationIds) => {
    const rows = await em.find(Membership, { organization: { $in: [...organizationIds] } }, { orderBy: { createdAt: 'asc' }, populate: ['user'] });
    const grouped = Map.groupBy(rows, (m) => m.organization.id);
    return organizationIds.map((id) => grouped.get(id) ?? []);
  });

/** Organisations by id, for lists of things organisations own (activities, stands…). */
export const organizationsById = byIdLoader(Organization);
