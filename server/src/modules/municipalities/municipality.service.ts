import type { EntityManager } from '@mikro-orm/postgresql';
import type { MunicipalityScope } from '../../core/context.js';
import { Municipality } from './municipality.entity.js';

export function listMunicipalities(em: EntityManager) {
  return em.find(Municipality, {}, { orderBy: { name: 'asc' } });
}

export async function findMunicipalityScope(em: EntityManager, slug: string): Promise<MunicipalityScope | null> {
  const [m] = await em.getConnection().execute<MunicipalityScope[]>('select id, slug, name from municipality where slug = ?', [slug]);
  return m ? { id: m.id, slug: m.slug, name: m.name } : null;
}

/**
 * Every request names its municipality; they change about never, so each server keeps the answer
 * for a minute instead of asking PostgreSQL each time. A new municipality (an operator's command)
 * is seen within that minute. Unknown names are remembered too, in a bounded map, so a client
 * sending made-up names costs one query per name per minute at most.
 */
export class MunicipalityScopes {
  readonly #known = new Map<string, { scope: MunicipalityScope | null; until: number }>();

  constructor(private readonly ttlMs = 60_000, private readonly maxEntries = 1000) {}

  async find(em: EntityManager, slug: string): Promise<MunicipalityScope | null> {
    const now = Date.now();
    const hit = this.#known.get(slug);
    if (hit && hit.until > now) return hit.scope;
    const scope = await findMunicipalityScope(em, slug);
    if (this.#known.size >= this.maxEntries) this.#known.clear();
    this.#known.set(slug, { scope, until: now + this.ttlMs });
    return scope;
  }
}

export async function ensureMunicipality(em: EntityManager, slug: string, name: string): Promise<Municipality> {
  const existing = await em.findOne(Municipality, { slug });
  if (existing) return existing;
  const municipality = em.create(Municipality, { slug, name });
  await em.flush();
  return municipality;
}
