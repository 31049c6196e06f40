import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { callerOf, type RequestContext } from '../../core/context.js';
import { AccessibilityStatement, PrivacyNotice } from './public-notices.entity.js';
import { AccessibilityStatementInput, PrivacyNoticeInput } from './public-notices.inputs.js';
import * as notices from './public-notices.service.js';

@Resolver()
export class PublicNoticesResolver {
  @Query(() => PrivacyNotice, { nullable: true, description: "The municipality's privacy notice (null until staff write it)." })
  privacyNotice(@Ctx() ctx: RequestContext) {
    return notices.privacyNotice(ctx.em, callerOf(ctx));
  }

  @Query(() => AccessibilityStatement, { nullable: true, description: "The municipality's accessibility statement (null until staff write it)." })
  accessibilityStatement(@Ctx() ctx: RequestContext) {
    return notices.accessibilityStatement(ctx.em, callerOf(ctx));
  }

  @Mutation(() => PrivacyNotice, { description: 'Staff: write the privacy notice (both languages).' })
  updatePrivacyNotice(@Arg('input', () => PrivacyNoticeInput) input: PrivacyNoticeInput, @Ctx() ctx: RequestContext) {
    return ctx.em.transactional((em) => notices.savePrivacyNotice(em, callerOf(ctx), input));
  }

  @Mutation(() => AccessibilityStatement, { description: 'Staff: write the accessibility statement (both languages).' })
  updateAccessibilityStatement(@Arg('input', () => AccessibilityStatementInput) input: AccessibilityStatementInput, @Ctx() ctx: RequestContext) {
    return ctx.em.transactional((em) => notices.saveAccessibilityStatement(em, callerOf(ctx), input));
  }
}
