import { Ctx, Query, Resolver } from 'type-graphql';
import { namedMunicipality, type RequestContext } from '../../core/context.js';
import { Municipality } from './municipality.entity.js';
import { listMunicipalities } from './municipality.service.js';

@Resolver(() => Municipality)
export class MunicipalityResolver {
  @Query(() => [Municipality], { description: 'Municipalities served; the only query that needs no X-Municipality header.' })
  municipalities(@Ctx() ctx: RequestContext) {
    return listMunicipalities(ctx.em);
  }

  @Query(() => Municipality, { nullable: true, description: 'The municipality this request is scoped to; null without X-Municipality, NOT_FOUND (reason UNKNOWN_MUNICIPALITY) for a name that does not exist.' })
  currentMunicipality(@Ctx() ctx: RequestContext) {
    const scope = namedMunicipality(ctx);
    return scope && ctx.em.findOne(Municipality, { id: scope.id });
  }
}
