import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { authorize } from '../../core/auth/policy.js';
import { callerOf, requireMunicipality, type RequestContext } from '../../core/context.js';
import { RateLimited } from '../../core/graphql/rate-limited.js';
import { commitThenPublish } from '../../core/live.js';
import { confirmPassword, User } from '../accounts/index.js';
import { eraseAccount } from './erase.service.js';
import { exportPersonalData } from './export.service.js';
import { DeleteAccountInput, RetentionSettingsInput, RetentionSettingsView } from './personal-data.types.js';
import * as retention from './retention.service.js';

@Resolver()
export class PersonalDataResolver {
  @Query(() => String, { description: 'Everything stored about me, as a JSON document (no password hash, no session tokens).' })
  @RateLimited('writesPerAccount')
  async myPersonalData(@Ctx() ctx: RequestContext) {
    return JSON.stringify(await exportPersonalData(ctx.em, callerOf(ctx)), null, 2);
  }

  @Mutation(() => Boolean, {
    description: 'Deletes my account after checking my password: future bookings and sign-ups are cancelled (waiting lists promoted), '
      + 'speed-dating consent withdrawn, my personal data erased; what staff count stays anonymous. Signs out every session.',
  })
  @RateLimited('writesPerAccount')
  async deleteMyAccount(@Arg('input', () => DeleteAccountInput) input: DeleteAccountInput, @Ctx() ctx: RequestContext) {
    const municipality = requireMunicipality(ctx);
    const actor = authorize(ctx.actor, 'personalData.eraseOwn');
    const me = await ctx.em.findOneOrFail(User, { id: actor.userId });
    // A wrong password counts like a failed sign-in, so this form cannot be used to guess it.
    await ctx.rateLimiter.guardAttempts(
      [
        { name: 'signInFailuresPerAccount', key: `${municipality.id}:${me.email ?? actor.userId}` },
        { name: 'signInFailuresPerIp', key: ctx.clientIp },
      ],
      () => confirmPassword(ctx.em, actor.userId, input.password),
    );
    await commitThenPublish(ctx, (em) => eraseAccount(em, callerOf(ctx), actor.userId), (events) => events);
    ctx.session.clear();
    ctx.actor = null;
    return true;
  }

  @Query(() => RetentionSettingsView, { description: 'How long personal data is kept here (public: the privacy notice shows it).' })
  retentionSettings(@Ctx() ctx: RequestContext) {
    return retention.retentionSettings(ctx.em, callerOf(ctx));
  }

  @Mutation(() => RetentionSettingsView, { description: 'Staff: set how long personal data is kept (months).' })
  updateRetentionSettings(@Arg('input', () => RetentionSettingsInput) input: RetentionSettingsInput, @Ctx() ctx: RequestContext) {
    return ctx.em.transactional((em) => retention.updateRetentionSettings(em, callerOf(ctx), input));
  }
}
