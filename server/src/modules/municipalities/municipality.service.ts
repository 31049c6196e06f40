import type { EntityManager } from '@mikro-orm/postgresql';
import type { MunicipalityScope } from '../../core/context.js';
import { Municipality } from './municipality.entity.js';

export function listMunicipalities(em: EntityManager) {
  return em.find(Municipality, {}, { orderBy: { name: 'asc' } });
}

export async function findMunicipalityScope(em: EntityManager, slug: string): Promise<MunicipalityScope | null> {
  const m = await em.findOne(Municipality, { slug });
  return m && { id: m.id, slug: m.slug, name: m.name };
}

export async function ensureMunicipality(em: EntityManager, slug: string, name: string): Promise<Municipality> {
  const existing = await em.findOne(Municipality, { slug });
  if (existing) return existing;
  const municipality = em.create(Municipality, { slug, name });
  await em.flush();
  return municipality;
}
