import { IsBoolean, IsEnum, IsInt, IsOptional, Length, Max, Min } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { ID } from '../../core/graphql/id.js';
import { DatingMode, DatingSide } from './speed-dating.enums.js';

@InputType()
export class SessionInput {
  @Field(() => String) @Length(3, 150) title!: string;
  @Field(() => Date) startsAt!: Date;
  @Field(() => String) @Length(3, 200) place!: string;
  @Field(() => Int, { defaultValue: 4 }) @IsInt() @Min(1) @Max(15) roundMinutes!: number;
  @Field(() => Int, { defaultValue: 45 }) @IsInt() @Min(0) @Max(600) changeoverSeconds!: number;
  @Field(() => Int) @IsInt() @Min(1) @Max(100) roundCount!: number;
  @Field(() => DatingMode, { defaultValue: DatingMode.NGO_TO_OFFICIAL }) @IsEnum(DatingMode) mode!: DatingMode;
  @Field(() => DatingSide, { defaultValue: DatingSide.OFFICIAL }) @IsEnum(DatingSide) movingSide!: DatingSide;
  @Field(() => Int, { defaultValue: 20 }) @IsInt() @Min(1) @Max(200) capacityPerSide!: number;
  @Field(() => Date) registrationClosesAt!: Date;
}

@InputType()
export class RegisterInput {
  @Field(() => ID) sessionId!: string;
  @Field(() => DatingSide) @IsEnum(DatingSide) side!: DatingSide;
  @Field(() => ID, { nullable: true, description: 'NGO side: the organisation you represent.' }) @IsOptional() organizationId?: string | null;
  @Field(() => Boolean, { defaultValue: false }) @IsBoolean() shareContacts!: boolean;
}

@InputType()
export class WalkInInput {
  @Field(() => ID) sessionId!: string;
  @Field(() => String) @Length(2, 100) name!: string;
  @Field(() => DatingSide) @IsEnum(DatingSide) side!: DatingSide;
  @Field(() => ID, { nullable: true }) @IsOptional() organizationId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(2, 120) department?: string | null;
}
