import { IsInt, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Field, InputType, Int, ObjectType } from 'type-graphql';

/** Bounds staff may choose between (months). */
export const RETENTION_BOUNDS = {
  eventDataMonths: { min: 1, max: 120 },
  inactiveAccountMonths: { min: 6, max: 120 },
  messageMonths: { min: 1, max: 60 },
} as const;

@ObjectType('RetentionSettings', { simpleResolvers: true, description: 'How long the municipality keeps personal data, in months; older data is erased by an hourly job.' })
export class RetentionSettingsView {
  @Field(() => Int, { description: 'After an event: who booked, signed up, took part or applied.' }) eventDataMonths!: number;
  @Field(() => Int, { description: 'Since the last sign-in: resident and official accounts are erased.' }) inactiveAccountMonths!: number;
  @Field(() => Int, { description: 'After a message was written: copies of e-mails sent.' }) messageMonths!: number;
  @Field(() => Date, { nullable: true, description: 'Null while the defaults apply.' }) updatedAt!: Date | null;
}

@InputType()
export class RetentionSettingsInput {
  @Field(() => Int) @IsInt() @Min(RETENTION_BOUNDS.eventDataMonths.min) @Max(RETENTION_BOUNDS.eventDataMonths.max) eventDataMonths!: number;
  @Field(() => Int) @IsInt() @Min(RETENTION_BOUNDS.inactiveAccountMonths.min) @Max(RETENTION_BOUNDS.inactiveAccountMonths.max) inactiveAccountMonths!: number;
  @Field(() => Int) @IsInt() @Min(RETENTION_BOUNDS.messageMonths.min) @Max(RETENTION_BOUNDS.messageMonths.max) messageMonths!: number;
}

@InputType()
export class DeleteAccountInput {
  @Field(() => String, { description: "The account's password, to confirm." })
  @MinLength(1, { message: 'Enter your password.' }) @MaxLength(200) password!: string;
}
