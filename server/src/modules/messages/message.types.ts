import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';
import { ID } from '../../core/graphql/id.js';

@ObjectType({ simpleResolvers: true, description: 'A notification e-mail that could not be delivered after every retry; staff may send it again.' })
export class FailedMessage {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'What it tells about, e.g. `booking.confirmed`.' }) kind!: string;
  @Field(() => String) recipient!: string;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => Int) attempts!: number;
  @Field(() => String, { nullable: true, description: "The mail server's answer to the last try." }) lastError!: string | null;
}
