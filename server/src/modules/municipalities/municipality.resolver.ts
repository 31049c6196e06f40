import { Ctx, Query, Resolver } from 'type-graphql';
import { type MunicipalityScope, namedMunicipality, type RequestContext } from '../../core/context.js';
import { Municipality } from './municipality.entity.js';
import { listMunicipalities } from './municipality.service.js';

@Resolver(() => Municipality)
export class MunicipalityResolver {
  @Query(() => [Municipality], { description: 'Municipalities served; the only query that needs no X-Municipality header.' })
  municipalities(@Ctx() ctx: RequestContext) {
    return listMunicipalities(ctx.em);
  }

  @Query(() => Municipality, { nullable: true, description: 'The municipality this request is scoped to; null without X-Municipality, NOT_FOUND (reason UNKNOWN_MUNICIPALITY) for a name that does not exist.' })
  currentMunicipality(@Ctx() ctx: RequestContext): MunicipalityScope | null {
    // The request's scope was looked up (and is cached) with every field this type has: pages ask
    // for it on every view, and it needs no query of its own.
    return namedMunicipality(ctx);
  }
}
