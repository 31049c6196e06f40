import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { can } from '../../core/auth/policy.js';
import { namedMunicipality, requireMunicipality, type RequestContext } from '../../core/context.js';
import { RateLimited } from '../../core/graphql/rate-limited.js';
import { selectionOf } from '../../core/graphql/selection.js';
import { SetUserRoleInput, SignInInput, SignUpInput } from './account.inputs.js';
import * as accounts from './account.service.js';
import { User } from './user.entity.js';
import { readUser } from './user.read.js';

@Resolver(() => User)
export class AccountResolver {
  @Query(() => User, { nullable: true, description: 'The signed-in user, or null.' })
  me(@Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    // Pages ask this first: a municipality that does not exist is said here too, not as "signed out".
    namedMunicipality(ctx);
    return ctx.actor && readUser(ctx.em, ctx.actor.userId, selectionOf(info));
  }

  @Mutation(() => User, { description: 'Creates a resident account and signs it in.' })
  @RateLimited('signUpsPerIp', 'ip')
  async signUp(@Arg('input', () => SignUpInput) input: SignUpInput, @Ctx() ctx: RequestContext) {
    const user = await ctx.em.transactional((em) => accounts.signUp(em, requireMunicipality(ctx), input));
    await this.startSession(ctx, user);
    return user;
  }

  @Mutation(() => User)
  async signIn(@Arg('input', () => SignInInput) input: SignInInput, @Ctx() ctx: RequestContext) {
    const municipality = requireMunicipality(ctx);
    // Wrong passwords count per account and per address; enough of them lock both out for a while.
    const user = await ctx.rateLimiter.guardAttempts(
      [
        { name: 'signInFailuresPerAccount', key: `${municipality.id}:${input.email.trim()}` },
        { name: 'signInFailuresPerIp', key: ctx.clientIp },
      ],
      () => accounts.signIn(ctx.em, municipality, input),
    );
    await this.startSession(ctx, user);
    return user;
  }

  @Mutation(() => Boolean)
  async signOut(@Ctx() ctx: RequestContext) {
    await accounts.endSession(ctx.em, ctx.session.current);
    ctx.session.clear();
    return true;
  }

  @Mutation(() => User, { description: 'Admins give accounts a role (e.g. STAFF, OFFICIAL with a department).' })
  setUserRole(@Arg('input', () => SetUserRoleInput) input: SetUserRoleInput, @Ctx() ctx: RequestContext) {
    return ctx.em.transactional((em) => accounts.setUserRole(em, ctx.actor, input));
  }

  @FieldResolver(() => String, { nullable: true, description: 'Visible to the user themself and to staff.' })
  email(@Root() user: User, @Ctx() ctx: RequestContext) {
    return can(ctx.actor, 'account.viewPrivate', { userId: user.id }) ? user.email : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Visible to the user themself and to staff.' })
  phone(@Root() user: User, @Ctx() ctx: RequestContext) {
    return can(ctx.actor, 'account.viewPrivate', { userId: user.id }) ? user.phone : null;
  }

  private async startSession(ctx: RequestContext, user: User) {
    const { token, expiresAt } = await accounts.startSession(ctx.em, user);
    ctx.session.set(token, expiresAt);
    // The rest of this response is for the new user (e.g. their email); memberships load from the next request on.
    ctx.actor = accounts.toActor(user, new Map());
  }
}
