import { ArrayMinSize, IsEnum, IsInt, IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { ID } from '../../core/graphql/id.js';
import { SignupKind } from './baubles.enums.js';

@InputType()
export class PickupWindowInput {
  @Field(() => Date) startsAt!: Date;
  @Field(() => Date) endsAt!: Date;
}

@InputType()
export class CampaignInput {
  @Field(() => Int) @IsInt() @Min(2000) @Max(2100) year!: number;
  @Field(() => String) @Length(3, 120) title!: string;
  @Field(() => Int) @IsInt() @Min(1) @Max(100000) baublesPrepared!: number;
  @Field(() => Int) @IsInt() @Min(1) @Max(1000) limitOrganization!: number;
  @Field(() => Int) @IsInt() @Min(1) @Max(1000) limitInstitution!: number;
  @Field(() => Int) @IsInt() @Min(1) @Max(1000) limitResident!: number;
  @Field(() => String) @Length(3, 200) pickupPlace!: string;
  @Field(() => [PickupWindowInput]) @ArrayMinSize(1, { message: 'Add at least one pickup window.' }) @ValidateNested({ each: true })
  pickupWindows!: PickupWindowInput[];
  @Field(() => Date) returnDeadline!: Date;
  @Field(() => Date) treeEventAt!: Date;
  @Field(() => String) @Length(3, 200) treeEventPlace!: string;
}

@InputType()
export class BaubleSignupInput {
  @Field(() => ID) campaignId!: string;
  @Field(() => SignupKind) @IsEnum(SignupKind) kind!: SignupKind;
  @Field(() => ID, { nullable: true, description: 'For ORGANIZATION sign-ups: an organisation you are a member of.' })
  @IsOptional() organizationId?: string | null;
  @Field(() => String, { nullable: true, description: 'For INSTITUTION sign-ups: its name.' }) @IsOptional() @Length(3, 150) institutionName?: string | null;
  @Field(() => Int) @IsInt() @Min(1, { message: 'Reserve at least one bauble.' }) quantity!: number;
  @Field(() => ID) pickupWindowId!: string;
}

@InputType()
export class DeskQuantityInput {
  @Field(() => String, { description: 'The sign-up code.' }) @Length(4, 12) code!: string;
  @Field(() => Int) @IsInt() @Min(0) quantity!: number;
}

@InputType()
export class GreetingInput {
  @Field(() => ID) campaignId!: string;
  @Field(() => String) @Length(3, 280, { message: 'A greeting has 3 to 280 characters.' }) text!: string;
}

