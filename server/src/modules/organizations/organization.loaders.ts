import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Membership } from './membership.entity.js';

/** Members of many organisations in one query, for list pages that show them. */
export const membershipsByOrganization = (em: EntityManager) =>
  new DataLoader<string, Membership[]>(async (organizationIds) => {
    const rows = await em.find(Membership, { organization: { $in: [...organizationIds] } }, { orderBy: { createdAt: 'asc' } });
    const grouped = Map.groupBy(rows, (m) => m.organization.id);
    return organizationIds.map((id) => grouped.get(id) ?? []);
  });
