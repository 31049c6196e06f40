import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ID } from '../../core/graphql/id.js';
import { callerOf, type RequestContext } from '../../core/context.js';
import { type OutboxMessage, readableContent } from '../../core/outbox/index.js';
import { ConnectionType } from '../../core/pagination.js';
import { listFailedMessages, resendAllFailedMessages, resendMessage } from './message.service.js';
import { FailedMessage } from './message.types.js';

const FailedMessageConnection = ConnectionType(FailedMessage);

@Resolver(() => FailedMessage)
export class FailedMessageResolver {
  @Query(() => FailedMessageConnection, { description: 'Staff: notification e-mails that failed after every retry.' })
  failedMessages(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ) {
    return listFailedMessages(ctx.em, callerOf(ctx), first, after);
  }

  @Mutation(() => FailedMessage, { description: 'Staff: sends a failed message again (a fresh set of tries).' })
  resendMessage(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return resendMessage(ctx.em, callerOf(ctx), id);
  }

  @Mutation(() => Int, { description: 'Staff: sends every failed message again; returns how many.' })
  resendAllFailedMessages(@Ctx() ctx: RequestContext) {
    return resendAllFailedMessages(ctx.em, callerOf(ctx));
  }

  @FieldResolver(() => String, { description: 'As its recipient would read it; the kind when no template can write it (its last error says so).' })
  subject(@Root() message: OutboxMessage) {
    return readableContent(message).subject;
  }
}
