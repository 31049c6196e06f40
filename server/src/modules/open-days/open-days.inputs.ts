import { IsBoolean, IsEnum, IsInt, IsOptional, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { ID } from '../../core/graphql/id.js';
import { AddressInput } from '../../core/address.js';
import { ActivityType, Attendance, Audience } from './open-days.enums.js';
import { IsCalendarDate, Omittable } from '../../core/validation.js';


@InputType()
export class EditionInput {
  @Field(() => String) @Length(3, 120) name!: string;
  @Field(() => String, { description: 'First day, YYYY-MM-DD (Warsaw).' }) @IsCalendarDate() startsOn!: string;
  @Field(() => String, { description: 'Last day, YYYY-MM-DD (Warsaw).' }) @IsCalendarDate() endsOn!: string;
  @Field(() => Date) submissionsOpenAt!: Date;
  @Field(() => Date) submissionsCloseAt!: Date;
}

/** Activity fields an organiser fills in; on update every field is optional. */
@InputType()
class ActivityFields {
  @Field(() => AddressInput, { nullable: true, description: "Defaults to the organisation's address." })
  @IsOptional() @ValidateNested() place?: AddressInput | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) placeNotes?: string | null;
  @Field(() => Audience, { nullable: true }) @Omittable() @IsEnum(Audience) audience?: Audience;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(1000) accessibilityNotes?: string | null;
}

@InputType()
export class SubmitActivityInput extends ActivityFields {
  @Field(() => ID) editionId!: string;
  @Field(() => ID) organizationId!: string;
  @Field(() => String) @Length(3, 150, { message: 'Title must have 3 to 150 characters.' }) title!: string;
  @Field(() => ActivityType) @IsEnum(ActivityType) type!: ActivityType;
  @Field(() => String) @Length(10, 3000, { message: 'Description must have 10 to 3000 characters.' }) description!: string;
}

@InputType()
export class UpdateActivityInput extends ActivityFields {
  @Field(() => String, { nullable: true }) @Omittable() @Length(3, 150, { message: 'Title must have 3 to 150 characters.' }) title?: string;
  @Field(() => ActivityType, { nullable: true }) @Omittable() @IsEnum(ActivityType) type?: ActivityType;
  @Field(() => String, { nullable: true }) @Omittable() @Length(10, 3000, { message: 'Description must have 10 to 3000 characters.' })
  description?: string;
}

@InputType()
export class SlotInput {
  @Field(() => ID) activityId!: string;
  @Field(() => Date) startsAt!: Date;
  @Field(() => Date) endsAt!: Date;
  @Field(() => Int, { nullable: true, description: 'Seats; leave empty for a drop-in slot without booking.' })
  @IsOptional() @IsInt() @Min(1) @Max(10000) capacity?: number | null;
  @Field(() => Int, { defaultValue: 1, description: 'Largest party one booking may be for.' }) @IsInt() @Min(1) @Max(50) maxPartySize!: number;
}

@InputType()
export class BookSlotInput {
  @Field(() => ID) slotId!: string;
  @Field(() => Int, { defaultValue: 1 }) @IsInt() @Min(1, { message: 'A booking is for at least one person.' }) @Max(50) partySize!: number;
  @Field(() => Boolean, { defaultValue: true, description: 'When the slot is full: join the waiting list (true) or fail with FULL (false).' })
  @IsBoolean() waitlistIfFull!: boolean;
}

@InputType()
export class ProgrammeFilter {
  @Field(() => String, { nullable: true, description: 'Only slots on this Warsaw date (YYYY-MM-DD).' }) @IsOptional() @IsCalendarDate() day?: string;
  @Field(() => [ActivityType], { nullable: true }) @IsOptional() @IsEnum(ActivityType, { each: true }) types?: ActivityType[];
  @Field(() => [Audience], { nullable: true }) @IsOptional() @IsEnum(Audience, { each: true }) audiences?: Audience[];
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100) district?: string;
  @Field(() => Boolean, { nullable: true, description: 'Only bookable slots with seats left.' }) @IsOptional() withSeatsLeft?: boolean;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100) search?: string;
}

@InputType()
export class AttendanceInput {
  @Field(() => ID) bookingId!: string;
  @Field(() => Attendance) @IsEnum(Attendance) attendance!: Attendance;
}
