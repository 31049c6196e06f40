import { Arg, Ctx, Field, FieldResolver, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import { ID } from '../../core/graphql/id.js';
import { can } from '../../core/auth/policy.js';
import { callerOf, type RequestContext } from '../../core/context.js';
import { RateLimited } from '../../core/graphql/rate-limited.js';
import { commitThenPublish, sameMunicipality } from '../../core/live.js';
import { organizationsById } from '../organizations/index.js';
import { ParticipantPresence } from './speed-dating.enums.js';
import { SpeedDatingParticipant, SpeedDatingSession } from './speed-dating.entity.js';
import { RegisterInput, SessionInput, WalkInInput } from './speed-dating.inputs.js';
import * as dating from './speed-dating.service.js';
import { CLOCK_TOPIC, clockEvent, clockPayload, SessionClock } from './live.js';

@ObjectType({ simpleResolvers: true })
class PlannedSeat {
  @Field(() => Int) round!: number;
  @Field(() => Int) seat!: number;
  @Field(() => String) partnerName!: string;
  @Field(() => String, { nullable: true, description: 'Organisation or department.' }) partnerAffiliation!: string | null;
}

@ObjectType({ simpleResolvers: true })
class PlanPair {
  @Field(() => Int) round!: number;
  @Field(() => Int) seat!: number;
  @Field(() => String) stays!: string;
  @Field(() => String) moves!: string;
}

@ObjectType({ simpleResolvers: true })
class PlanSummary {
  @Field(() => Int) newPairs!: number;
  @Field(() => Int) maxPossiblePairs!: number;
  @Field(() => [String]) notes!: string[];
  @Field(() => Boolean, { description: 'True only when no plan could have more pairs (proven, not hoped).' }) provenOptimal!: boolean;
}

@ObjectType({ simpleResolvers: true })
class MetPerson {
  @Field(() => Int) round!: number;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) affiliation!: string | null;
  @Field(() => String, { nullable: true, description: 'Only when both agreed to share contacts.' }) email!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
}

async function affiliation(ctx: RequestContext, p: SpeedDatingParticipant) {
  return p.organization ? ((await ctx.loaders.get(organizationsById).load(p.organization.id))?.name ?? null) : p.department;
}

@Resolver(() => SpeedDatingSession)
export class SpeedDatingResolver {
  private live(ctx: RequestContext, action: dating.LiveAction, sessionId: string) {
    return commitThenPublish(ctx, (em) => dating.control(em, callerOf(ctx), sessionId, action), (session) => [clockEvent(session)]);
  }

  @Query(() => [SpeedDatingSession])
  speedDatingSessions(@Ctx() ctx: RequestContext) {
    return dating.listSessions(ctx.em, callerOf(ctx));
  }

  @Query(() => SpeedDatingSession)
  speedDatingSession(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return dating.findSession(ctx.em, callerOf(ctx), id);
  }

  @Mutation(() => SpeedDatingSession)
  createSpeedDatingSession(@Arg('input', () => SessionInput) input: SessionInput, @Ctx() ctx: RequestContext) {
    return ctx.em.transactional((em) => dating.createSession(em, callerOf(ctx), input));
  }

  @Mutation(() => SpeedDatingParticipant, { description: 'Register yourself: NGO side for an organisation you belong to, or as an official.' })
  @RateLimited('writesPerAccount')
  registerForSpeedDating(@Arg('input', () => RegisterInput) input: RegisterInput, @Ctx() ctx: RequestContext) {
    return ctx.em.transactional((em) => dating.register(em, callerOf(ctx), input));
  }

  /** A change that re-plans; after it, phones reload their seats at once. */
  private async replanning(ctx: RequestContext, change: (em: RequestContext['em']) => Promise<SpeedDatingParticipant>) {
    const { participant } = await commitThenPublish(ctx, async (em) => {
      const changed = await change(em);
      return { participant: changed, session: await dating.findSession(em, callerOf(ctx), changed.session.id) };
    }, ({ session }) => [clockEvent(session)]);
    return participant;
  }

  @Mutation(() => SpeedDatingParticipant, { description: 'Staff: add someone who came without registering (re-plans a planned session).' })
  async addSpeedDatingWalkIn(@Arg('input', () => WalkInInput) input: WalkInInput, @Ctx() ctx: RequestContext) {
    return this.replanning(ctx, (em) => dating.addWalkIn(em, callerOf(ctx), input));
  }

  @Mutation(() => SpeedDatingParticipant, { description: 'Staff: mark a no-show or someone who left (the rest is re-planned).' })
  async setSpeedDatingPresence(@Arg('participantId', () => ID) id: string, @Arg('presence', () => ParticipantPresence) presence: ParticipantPresence, @Ctx() ctx: RequestContext) {
    return this.replanning(ctx, (em) => dating.setPresence(em, callerOf(ctx), id, presence));
  }

  @Mutation(() => PlanSummary, { description: 'Staff: plan the rounds still to come (all of them before the start).' })
  async planSpeedDating(@Arg('sessionId', () => ID) sessionId: string, @Ctx() ctx: RequestContext) {
    const { plan } = await commitThenPublish(ctx, async (em) => ({
      plan: await dating.generatePlan(em, callerOf(ctx), sessionId),
      session: await dating.findSession(em, callerOf(ctx), sessionId),
    }), ({ session }) => [clockEvent(session)]);
    return plan;
  }

  @Mutation(() => SpeedDatingSession) startSpeedDating(@Arg('sessionId', () => ID) id: string, @Ctx() ctx: RequestContext) { return this.live(ctx, 'START', id); }
  @Mutation(() => SpeedDatingSession) pauseSpeedDating(@Arg('sessionId', () => ID) id: string, @Ctx() ctx: RequestContext) { return this.live(ctx, 'PAUSE', id); }
  @Mutation(() => SpeedDatingSession) resumeSpeedDating(@Arg('sessionId', () => ID) id: string, @Ctx() ctx: RequestContext) { return this.live(ctx, 'RESUME', id); }
  @Mutation(() => SpeedDatingSession) skipSpeedDatingRound(@Arg('sessionId', () => ID) id: string, @Ctx() ctx: RequestContext) { return this.live(ctx, 'SKIP', id); }
  @Mutation(() => SpeedDatingSession) endSpeedDating(@Arg('sessionId', () => ID) id: string, @Ctx() ctx: RequestContext) { return this.live(ctx, 'END', id); }

  @Query(() => String, { description: 'Staff: the plan as CSV.' })
  speedDatingPlanCsv(@Arg('sessionId', () => ID) sessionId: string, @Ctx() ctx: RequestContext) {
    return dating.planCsv(ctx.em, callerOf(ctx), sessionId);
  }

  @Query(() => [MetPerson], { description: 'The people I met, with contacts where both agreed.' })
  async mySpeedDatingMeetings(@Arg('sessionId', () => ID) sessionId: string, @Ctx() ctx: RequestContext): Promise<MetPerson[]> {
    const met = await dating.myMeetings(ctx.em, callerOf(ctx), sessionId);
    return Promise.all(met.map(async (m) => ({ round: m.round, name: m.partner.name, affiliation: await affiliation(ctx, m.partner), email: m.email, phone: m.phone })));
  }

  @Subscription(() => SessionClock, {
    topics: CLOCK_TOPIC, topicId: ({ args }) => args.sessionId,
    filter: sameMunicipality,
    description: 'Every phase change (talk, change-over, paused, finished) and re-plan, with the server time.',
  })
  speedDatingClock(@Root() payload: SessionClock, @Arg('sessionId', () => ID) _sessionId: string): SessionClock {
    return payload;
  }

  @FieldResolver(() => SessionClock)
  clock(@Root() session: SpeedDatingSession) {
    return clockPayload(session);
  }

  @FieldResolver(() => [SpeedDatingParticipant], { nullable: true, description: 'Staff only.' })
  participants(@Root() session: SpeedDatingSession, @Ctx() ctx: RequestContext) {
    if (!can(ctx.actor, 'speedDating.manage')) return null;
    return ctx.em.find(SpeedDatingParticipant, { session }, { orderBy: { side: 'asc', createdAt: 'asc' } });
  }

  @FieldResolver(() => [PlanPair], { nullable: true, description: 'Staff only: who sits where in every round.' })
  async plan(@Root() session: SpeedDatingSession, @Ctx() ctx: RequestContext) {
    if (!can(ctx.actor, 'speedDating.manage')) return null;
    return (await dating.planOf(ctx.em, session)).map((m) => ({ round: m.round, seat: m.seat, stays: m.stationary.name, moves: m.moving.name }));
  }

  @FieldResolver(() => SpeedDatingParticipant, { nullable: true, description: 'My registration, if any.' })
  me(@Root() session: SpeedDatingSession, @Ctx() ctx: RequestContext) {
    return dating.myParticipation(ctx.em, callerOf(ctx), session.id);
  }

  @FieldResolver(() => [PlannedSeat], { description: 'My seat and partner in every planned round (the phone view and my card).' })
  async mySeats(@Root() session: SpeedDatingSession, @Ctx() ctx: RequestContext): Promise<PlannedSeat[]> {
    const me = await dating.myParticipation(ctx.em, callerOf(ctx), session.id);
    if (!me) return [];
    return Promise.all((await dating.seatsOf(ctx.em, me)).map(async (s) => ({ round: s.round, seat: s.seat, partnerName: s.partner.name, partnerAffiliation: await affiliation(ctx, s.partner) })));
  }
}

@Resolver(() => SpeedDatingParticipant)
export class SpeedDatingParticipantResolver {
  @FieldResolver(() => String, { nullable: true })
  affiliation(@Root() p: SpeedDatingParticipant, @Ctx() ctx: RequestContext) {
    return affiliation(ctx, p);
  }
}
