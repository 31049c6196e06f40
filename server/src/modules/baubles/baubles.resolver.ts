import { Arg, Ctx, Field, FieldResolver, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import { ID } from '../../core/graphql/id.js';
import { callerOf, type RequestContext } from '../../core/context.js';
import { RateLimited } from '../../core/graphql/rate-limited.js';
import { byIdLoader } from '../../core/db/by-id-loader.js';
import { Organization, organizationsById } from '../organizations/index.js';
import { usersById } from '../accounts/index.js';
import { CampaignStatus, GreetingStatus, SignupKind, SignupStatus } from './baubles.enums.js';
import { BaubleSignupInput, CampaignInput, DeskQuantityInput, GreetingInput } from './baubles.inputs.js';
import { BaubleCampaign, PickupWindow } from './campaign.entity.js';
import * as campaigns from './campaign.service.js';
import { Greeting } from './greeting.entity.js';
import * as greetingsService from './greeting.service.js';
import { BaubleSignup, BaubleSignupEvent } from './signup.entity.js';
import * as signups from './signup.service.js';
import { commitThenPublish, sameMunicipality } from '../../core/live.js';

const pickupWindowsById = byIdLoader(PickupWindow);

@ObjectType({ simpleResolvers: true })
export class BaubleStock {
  @Field(() => ID) campaignId!: string;
  @Field(() => Int) baublesInStock!: number;
  @Field(() => Int, { description: 'Sign-ups on the waiting list.' }) waiting!: number;
  municipalityId!: string;
}

@ObjectType({ simpleResolvers: true })
export class BaubleDashboardRow {
  @Field(() => SignupKind) kind!: SignupKind;
  @Field(() => SignupStatus) status!: SignupStatus;
  @Field(() => Int) signups!: number;
  @Field(() => Int, { description: 'Baubles reserved, picked up or returned, as fits the status.' }) baubles!: number;
}

const WALL_TOPIC = 'GREETINGS_WALL';


@Resolver(() => BaubleCampaign)
export class BaubleCampaignResolver {
  /** A sign-up change, then the campaign's stock for live subscribers. */
  private async stockChange(ctx: RequestContext, run: (em: RequestContext['em']) => Promise<signups.SignupOutcome>) {
    const { signup } = await commitThenPublish(ctx, run, ({ stock }) => [signups.stockEvent(stock)]);
    return signup;
  }

  @Query(() => [BaubleCampaign], { description: 'Christmas-tree campaigns, newest first (drafts for staff only).' })
  baubleCampaigns(@Ctx() ctx: RequestContext) {
    return campaigns.listCampaigns(ctx.em, callerOf(ctx));
  }

  @Query(() => BaubleCampaign)
  baubleCampaign(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return campaigns.findCampaign(ctx.em, callerOf(ctx), id);
  }

  @Mutation(() => BaubleCampaign, { description: 'Staff: a new campaign (DRAFT) with its pickup windows.' })
  createBaubleCampaign(@Arg('input', () => CampaignInput) input: CampaignInput, @Ctx() ctx: RequestContext) {
    return ctx.em.transactional((em) => campaigns.createCampaign(em, callerOf(ctx), input));
  }

  @Mutation(() => BaubleCampaign)
  setBaubleCampaignStatus(@Arg('id', () => ID) id: string, @Arg('status', () => CampaignStatus) status: CampaignStatus, @Ctx() ctx: RequestContext) {
    return ctx.em.transactional((em) => campaigns.setCampaignStatus(em, callerOf(ctx), id, status));
  }

  @Mutation(() => BaubleSignup, { description: 'Reserve baubles (RESERVED while stock lasts, else WAITLISTED).' })
  @RateLimited('writesPerAccount')
  signUpForBaubles(@Arg('input', () => BaubleSignupInput) input: BaubleSignupInput, @Ctx() ctx: RequestContext) {
    return this.stockChange(ctx, (em) => signups.signUp(em, callerOf(ctx), input));
  }

  @Mutation(() => BaubleSignup)
  @RateLimited('writesPerAccount')
  cancelBaubleSignup(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return this.stockChange(ctx, (em) => signups.cancelSignup(em, callerOf(ctx), id));
  }

  @Mutation(() => BaubleSignup, { description: 'Desk: baubles handed out (at most the reservation; the rest returns to stock).' })
  recordBaublePickup(@Arg('campaignId', () => ID) campaignId: string, @Arg('input', () => DeskQuantityInput) input: DeskQuantityInput, @Ctx() ctx: RequestContext) {
    return this.stockChange(ctx, (em) => signups.recordPickup(em, callerOf(ctx), campaignId, input.code, input.quantity));
  }

  @Mutation(() => BaubleSignup, { description: 'Desk: decorated baubles brought back.' })
  recordBaubleReturn(@Arg('campaignId', () => ID) campaignId: string, @Arg('input', () => DeskQuantityInput) input: DeskQuantityInput, @Ctx() ctx: RequestContext) {
    return ctx.em.transactional((em) => signups.recordReturn(em, callerOf(ctx), campaignId, input.code, input.quantity));
  }

  @Query(() => [BaubleSignup], { description: 'Desk: find sign-ups by code or by name.' })
  baubleDeskSearch(@Arg('campaignId', () => ID) campaignId: string, @Arg('search', () => String) search: string, @Ctx() ctx: RequestContext) {
    return signups.findForDesk(ctx.em, callerOf(ctx), campaignId, search);
  }

  @Query(() => [BaubleSignup])
  myBaubleSignups(@Arg('campaignId', () => ID) campaignId: string, @Ctx() ctx: RequestContext) {
    return signups.mySignups(ctx.em, callerOf(ctx), campaignId);
  }

  @Query(() => [BaubleDashboardRow], { description: 'Staff: sign-ups and baubles per kind and status.' })
  baubleDashboard(@Arg('campaignId', () => ID) campaignId: string, @Ctx() ctx: RequestContext) {
    return campaigns.campaignDashboard(ctx.em, callerOf(ctx), campaignId);
  }

  @Query(() => String, { description: 'Staff: all sign-ups as CSV.' })
  baubleSignupsCsv(@Arg('campaignId', () => ID) campaignId: string, @Ctx() ctx: RequestContext) {
    return campaigns.campaignCsv(ctx.em, callerOf(ctx), campaignId);
  }

  @Query(() => [Greeting], { description: 'Approved greetings (the wall); PENDING ones for staff.' })
  greetings(
    @Arg('campaignId', () => ID) campaignId: string,
    @Arg('status', () => GreetingStatus, { defaultValue: GreetingStatus.APPROVED }) status: GreetingStatus,
    @Ctx() ctx: RequestContext,
  ) {
    return greetingsService.greetings(ctx.em, callerOf(ctx), campaignId, status);
  }

  @Mutation(() => Greeting)
  @RateLimited('writesPerAccount')
  postGreeting(@Arg('input', () => GreetingInput) input: GreetingInput, @Ctx() ctx: RequestContext) {
    return ctx.em.transactional((em) => greetingsService.postGreeting(em, callerOf(ctx), input));
  }

  @Mutation(() => Greeting, { description: 'Staff: approve (onto the wall) or reject a greeting.' })
  async moderateGreeting(@Arg('id', () => ID) id: string, @Arg('status', () => GreetingStatus) status: GreetingStatus, @Ctx() ctx: RequestContext) {
    return commitThenPublish(ctx, (em) => greetingsService.moderateGreeting(em, callerOf(ctx), id, status), (greeting) =>
      greeting.status === GreetingStatus.APPROVED ? [{ topic: WALL_TOPIC, id: greeting.campaign.id, payload: { greeting } }] : []);
  }

  @Subscription(() => BaubleStock, { topics: signups.STOCK_TOPIC, topicId: ({ args }) => args.campaignId, filter: sameMunicipality, description: 'Baubles left, whenever it changes.' })
  baubleStockChanged(@Root() stock: BaubleStock, @Arg('campaignId', () => ID) _campaignId: string): BaubleStock {
    return stock;
  }

  @Subscription(() => Greeting, { topics: WALL_TOPIC, topicId: ({ args }) => args.campaignId, filter: sameMunicipality, description: 'Greetings as staff approve them.' })
  greetingApproved(@Root() event: { greeting: Greeting }, @Arg('campaignId', () => ID) _campaignId: string): Greeting {
    return event.greeting;
  }

  @FieldResolver(() => [PickupWindow])
  pickupWindows(@Root() campaign: BaubleCampaign, @Ctx() ctx: RequestContext) {
    return ctx.em.find(PickupWindow, { campaign }, { orderBy: { startsAt: 'asc' } });
  }
}

@Resolver(() => BaubleSignup)
export class BaubleSignupResolver {
  @FieldResolver(() => Organization, { nullable: true })
  organization(@Root() signup: BaubleSignup, @Ctx() ctx: RequestContext) {
    return signup.organization ? ctx.loaders.get(organizationsById).load(signup.organization.id) : null;
  }

  @FieldResolver(() => String, { description: 'Name shown at the desk: organisation, institution or person.' })
  async holderName(@Root() signup: BaubleSignup, @Ctx() ctx: RequestContext) {
    if (signup.organization) return (await ctx.loaders.get(organizationsById).load(signup.organization.id))?.name ?? '';
    return signup.institutionName ?? (signup.user ? ((await ctx.loaders.get(usersById).load(signup.user.id))?.displayName ?? '') : '');
  }

  @FieldResolver(() => PickupWindow)
  pickupWindow(@Root() signup: BaubleSignup, @Ctx() ctx: RequestContext) {
    return ctx.loaders.get(pickupWindowsById).load(signup.pickupWindow.id);
  }

  @FieldResolver(() => [BaubleSignupEvent], { description: 'Every status change with who and when (owner and staff).' })
  history(@Root() signup: BaubleSignup, @Ctx() ctx: RequestContext) {
    return campaigns.signupHistory(ctx.em, callerOf(ctx), signup);
  }
}

@Resolver(() => BaubleSignupEvent)
export class BaubleSignupEventResolver {
  @FieldResolver(() => String, { nullable: true, description: 'Who made the change; null for the system.' })
  async actorName(@Root() event: BaubleSignupEvent, @Ctx() ctx: RequestContext) {
    return event.actor ? ((await ctx.loaders.get(usersById).load(event.actor.id))?.displayName ?? null) : null;
  }
}
