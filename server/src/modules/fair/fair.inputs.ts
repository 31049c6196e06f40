import { ArrayMaxSize, IsBoolean, IsEnum, IsInt, IsOptional, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { Field, Float, InputType, Int } from 'type-graphql';
import { ID } from '../../core/graphql/id.js';
import { ApplicationStatus, StandZone, TentNeed } from './fair.enums.js';

@InputType()
export class FairInput {
  @Field(() => String) @Length(3, 150) name!: string;
  @Field(() => String) @Length(3, 200) venue!: string;
  @Field(() => Date) opensAt!: Date;
  @Field(() => Date) closesAt!: Date;
  @Field(() => Date) applicationsOpenAt!: Date;
  @Field(() => Date) applicationsCloseAt!: Date;
  @Field(() => Float, { defaultValue: 60 }) @Min(5) @Max(1000) planWidth!: number;
  @Field(() => Float, { defaultValue: 40 }) @Min(5) @Max(1000) planHeight!: number;
}

@InputType()
export class StandInput {
  @Field(() => String) @Matches(/^[A-Z]{1,3}\d{1,3}$/, { message: 'A stand code looks like A1 or B12.' }) code!: string;
  @Field(() => StandZone) @IsEnum(StandZone) zone!: StandZone;
  @Field(() => Float) @Min(0) x!: number;
  @Field(() => Float) @Min(0) y!: number;
  @Field(() => Float) @Min(1) @Max(50) width!: number;
  @Field(() => Float) @Min(1) @Max(50) height!: number;
  @Field(() => Boolean, { defaultValue: false }) @IsBoolean() hasPower!: boolean;
  @Field(() => Boolean, { defaultValue: false }) @IsBoolean() tentProvided!: boolean;
  @Field(() => Int, { defaultValue: 1 }) @IsInt() @Min(0) @Max(10) tables!: number;
  @Field(() => Boolean, { defaultValue: true }) @IsBoolean() stepFree!: boolean;
  @Field(() => Boolean, { defaultValue: false }) @IsBoolean() reserved!: boolean;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100) reservedFor?: string | null;
}

@InputType()
export class FairApplicationInput {
  @Field(() => ID) fairId!: string;
  @Field(() => ID) organizationId!: string;
  @Field(() => Boolean, { defaultValue: false }) @IsBoolean() needsPower!: boolean;
  @Field(() => Int, { defaultValue: 1 }) @IsInt() @Min(0) @Max(5) tablesNeeded!: number;
  @Field(() => TentNeed, { defaultValue: TentNeed.NO_TENT }) @IsEnum(TentNeed) tent!: TentNeed;
  @Field(() => Boolean, { defaultValue: false }) @IsBoolean() needsStepFree!: boolean;
  @Field(() => [StandZone], { defaultValue: [] }) @IsEnum(StandZone, { each: true }) @ArrayMaxSize(3) preferredZones!: StandZone[];
  @Field(() => [ID], { defaultValue: [], description: 'Organisations you would like next to you.' }) @ArrayMaxSize(5) wantedNeighbors!: string[];
  @Field(() => [ID], { defaultValue: [], description: 'Organisations you would rather not stand next to.' }) @ArrayMaxSize(5) avoidedNeighbors!: string[];
  @Field(() => String, { description: 'What you will do at the stand.' }) @Length(10, 1000, { message: 'Describe the stand in 10 to 1000 characters.' }) activity!: string;
  @Field(() => String) @Length(3, 100) contactName!: string;
  @Field(() => String) @Matches(/^\+?[\d\s()-]{9,20}$/, { message: 'Phone number must have 9 to 15 digits (spaces and dashes allowed).' }) contactPhone!: string;
}

@InputType()
export class ReviewInput {
  @Field(() => ID) applicationId!: string;
  @Field(() => ApplicationStatus) @IsEnum(ApplicationStatus) status!: ApplicationStatus;
  @Field(() => String, { nullable: true, description: 'Required when waitlisting or rejecting.' }) @IsOptional() @MaxLength(500) reason?: string | null;
}
