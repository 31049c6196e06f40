import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Field, FieldResolver, Info, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ID } from '../../core/graphql/id.js';
import { isEntity, readOrCompute } from '../../core/db/json-read.js';
import { selectionOf } from '../../core/graphql/selection.js';
import { callerOf, type RequestContext } from '../../core/context.js';
import { RateLimited } from '../../core/graphql/rate-limited.js';
import { Organization, organizationsById } from '../organizations/index.js';
import { FairStatus, StandZone } from './fair.enums.js';
import { Fair, FairApplication, Stand } from './fair.entity.js';
import { FairApplicationInput, FairInput, ReviewInput, StandInput } from './fair.inputs.js';
import * as fairs from './fair.service.js';
import type { PlanReport } from './fair.service.js';
import { type ApplicationRow, type FairRow, readFair } from './fair.read.js';

@ObjectType({ simpleResolvers: true, description: 'An organisation at a stand.' })
class StandPlacement {
  @Field(() => ID) standId!: string;
  @Field(() => ID) applicationId!: string;
  // A plain field, not a resolver: the plan's read path (fair.read.ts) brings the organisation along
  // and entities load theirs in one batch (placements below), so no call per stand.
  @Field(() => Organization) organization!: unknown;
}

@ObjectType({ simpleResolvers: true })
class UnmetWish {
  @Field(() => ID) applicationId!: string;
  @Field(() => String, { description: 'ZONE, WANTED_NEIGHBOR or AVOIDED_NEIGHBOR.' }) kind!: string;
  @Field(() => [StandZone], { nullable: true }) zones!: StandZone[] | null;
  @Field(() => ID, { nullable: true, description: 'The neighbour the wish was about.' }) organizationId!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'How well a plan meets the hard rules and the wishes.' })
class AllocationReport {
  @Field(() => Int) placed!: number;
  @Field(() => [ID], { description: 'Accepted applications without a stand.' }) unplaced!: string[];
  @Field(() => Int) score!: number;
  @Field(() => Int, { description: 'Score if every wish were met.' }) maxScore!: number;
  @Field(() => [UnmetWish]) unmetWishes!: UnmetWish[];
  @Field(() => Int, { description: 'The most accepted applications any plan can place.' }) placeable!: number;
  @Field(() => Int, { description: 'Proven upper bound on the score of any plan placing `placeable` applications (the optimum when proven).' }) bestBound!: number;
  @Field(() => Int, { nullable: true, description: 'bestBound − score: the plan is at most this many points below the optimum (0 when optimal); null when it places fewer than `placeable`.' })
  gap!: number | null;
  @Field(() => Boolean, { description: 'The plan places `placeable` applications and is proven to have the best score such a plan can have.' }) provenOptimal!: boolean;
}

const report = (result: PlanReport): AllocationReport => ({
  placed: result.assignments.length,
  unplaced: result.unplaced,
  score: result.score,
  maxScore: result.maxScore,
  placeable: result.placeable,
  bestBound: result.bestBound,
  gap: result.gap,
  provenOptimal: result.provenOptimal,
  unmetWishes: result.unmetWishes.map((w) => ({
    applicationId: w.applicationId, kind: w.kind, zones: 'zones' in w ? (w.zones as StandZone[]) : null, organizationId: 'organizationId' in w ? w.organizationId : null,
  })),
});

@Resolver(() => Fair)
export class FairResolver {
  @Query(() => [Fair], { description: 'NGO Fairs, newest first (drafts for staff only).' })
  fairs(@Ctx() ctx: RequestContext) {
    return fairs.listFairs(ctx.em, callerOf(ctx));
  }

  @Query(() => Fair)
  fair(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return readFair(ctx.em, callerOf(ctx), id, selectionOf(info));
  }

  @Mutation(() => Fair)
  createFair(@Arg('input', () => FairInput) input: FairInput, @Ctx() ctx: RequestContext) {
    return ctx.em.transactional((em) => fairs.createFair(em, callerOf(ctx), input));
  }

  @Mutation(() => Fair)
  setFairStatus(@Arg('id', () => ID) id: string, @Arg('status', () => FairStatus) status: FairStatus, @Ctx() ctx: RequestContext) {
    return ctx.em.transactional((em) => fairs.setFairStatus(em, callerOf(ctx), id, status));
  }

  @Mutation(() => Stand)
  addStand(@Arg('fairId', () => ID) fairId: string, @Arg('input', () => StandInput) input: StandInput, @Ctx() ctx: RequestContext) {
    return ctx.em.transactional((em) => fairs.addStand(em, callerOf(ctx), fairId, input));
  }

  @Mutation(() => Stand)
  updateStand(@Arg('id', () => ID) id: string, @Arg('input', () => StandInput) input: StandInput, @Ctx() ctx: RequestContext) {
    return ctx.em.transactional((em) => fairs.updateStand(em, callerOf(ctx), id, input));
  }

  @Mutation(() => Boolean)
  removeStand(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.em.transactional((em) => fairs.removeStand(em, callerOf(ctx), id));
  }

  @Mutation(() => [Stand], { description: "Staff: copy an earlier fair's layout into an empty one." })
  copyFairLayout(@Arg('fairId', () => ID) fairId: string, @Arg('fromFairId', () => ID) fromFairId: string, @Ctx() ctx: RequestContext) {
    return ctx.em.transactional((em) => fairs.copyLayout(em, callerOf(ctx), fairId, fromFairId));
  }

  @Mutation(() => FairApplication, { description: 'Members apply for a stand for their organisation (one application per fair).' })
  @RateLimited('writesPerAccount')
  applyForStand(@Arg('input', () => FairApplicationInput) input: FairApplicationInput, @Ctx() ctx: RequestContext) {
    return ctx.em.transactional((em) => fairs.applyForStand(em, callerOf(ctx), input));
  }

  @Mutation(() => FairApplication, { description: 'Editable until the application window closes.' })
  updateFairApplication(@Arg('id', () => ID) id: string, @Arg('input', () => FairApplicationInput) input: FairApplicationInput, @Ctx() ctx: RequestContext) {
    return ctx.em.transactional((em) => fairs.updateApplication(em, callerOf(ctx), id, input));
  }

  @Mutation(() => FairApplication, { description: 'Staff: accept, waitlist or reject (with a reason).' })
  reviewFairApplication(@Arg('input', () => ReviewInput) input: ReviewInput, @Ctx() ctx: RequestContext) {
    return ctx.em.transactional((em) => fairs.reviewApplication(em, callerOf(ctx), input));
  }

  @Mutation(() => AllocationReport, { description: 'Staff: allocate stands to the accepted applications automatically.' })
  async allocateFairStands(@Arg('fairId', () => ID) fairId: string, @Ctx() ctx: RequestContext) {
    return report(await ctx.em.transactional((em) => fairs.runAllocation(em, callerOf(ctx), fairId)));
  }

  @Mutation(() => Boolean, { description: 'Staff: move an application to a free stand.' })
  assignFairStand(@Arg('applicationId', () => ID) applicationId: string, @Arg('standId', () => ID) standId: string, @Ctx() ctx: RequestContext) {
    return ctx.em.transactional((em) => fairs.assignStand(em, callerOf(ctx), applicationId, standId));
  }

  @Mutation(() => Boolean)
  swapFairStands(@Arg('firstApplicationId', () => ID) first: string, @Arg('secondApplicationId', () => ID) second: string, @Ctx() ctx: RequestContext) {
    return ctx.em.transactional((em) => fairs.swapStands(em, callerOf(ctx), first, second));
  }

  @Mutation(() => Boolean)
  unassignFairStand(@Arg('applicationId', () => ID) applicationId: string, @Ctx() ctx: RequestContext) {
    return ctx.em.transactional((em) => fairs.unassign(em, callerOf(ctx), applicationId));
  }

  @Query(() => AllocationReport, { description: 'Staff: score and unmet wishes of the current plan.' })
  async fairPlanReport(@Arg('fairId', () => ID) fairId: string, @Ctx() ctx: RequestContext) {
    return report(await fairs.currentPlanReport(ctx.em, callerOf(ctx), fairId));
  }

  @Query(() => String, { description: 'Staff: exhibitors with stands and needs, as CSV.' })
  fairExhibitorsCsv(@Arg('fairId', () => ID) fairId: string, @Ctx() ctx: RequestContext) {
    return fairs.exhibitorsCsv(ctx.em, callerOf(ctx), fairId);
  }

  @FieldResolver(() => [Stand])
  // The plan page's fair (a read row) comes with these lists; fairs returned by mutations load them.
  stands(@Root() fair: Fair | FairRow, @Ctx() ctx: RequestContext) {
    return readOrCompute(fair, Fair, 'stands', (f) => ctx.em.find(Stand, { fair: f }, { orderBy: { code: 'asc' } }));
  }

  @FieldResolver(() => [StandPlacement], { description: 'Who stands where: public once published; staff always; members see their own.' })
  placements(@Root() fair: Fair | FairRow, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<StandPlacement[]> | StandPlacement[] {
    return readOrCompute(fair, Fair, 'placements', async (f) => {
      const placed = await fairs.placements(ctx.em, callerOf(ctx), f);
      // A plain field must hold its value, not a promise (docs/decisions.md): load them before answering.
      const organizations = selectionOf(info).has('organization')
        ? await Promise.all(placed.map((p) => ctx.loaders.get(organizationsById).load(p.application.organization.id)))
        : [];
      return placed.map((p, i) => ({ standId: p.stand.id, applicationId: p.application.id, organization: organizations[i] ?? null }));
    });
  }

  @FieldResolver(() => [FairApplication], { description: 'Staff see all; members their organisation’s.' })
  applications(@Root() fair: Fair | FairRow, @Ctx() ctx: RequestContext) {
    return readOrCompute(fair, Fair, 'applications', (f) => fairs.listApplications(ctx.em, callerOf(ctx), f.id));
  }
}

@Resolver(() => FairApplication)
export class FairApplicationResolver {
  @FieldResolver(() => Organization)
  organization(@Root() application: FairApplication | ApplicationRow, @Ctx() ctx: RequestContext) {
    return isEntity(application, FairApplication) ? ctx.loaders.get(organizationsById).load(application.organization.id) : application.organization;
  }
}
