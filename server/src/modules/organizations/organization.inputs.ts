import {
  ArrayMaxSize, IsBoolean, IsEmail, IsEnum, IsInt, IsOptional, IsUrl, Length, Matches, Max, MaxLength, Min, ValidateBy, ValidateNested,
} from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { ID } from '../../core/graphql/id.js';
import { AddressInput } from '../../core/address.js';
import { MembershipRole } from '../../core/auth/roles.js';
import { isValidKrs, isValidNip, isValidRegon, normaliseIdentifier } from './identifiers.js';
import { AccessibilityFeature, ActivityArea, LegalForm, OrganizationStatus } from './organization.enums.js';
import { Omittable } from '../../core/validation.js';

const identifier = (name: string, check: (value: string) => boolean, message: string) =>
  ValidateBy({
    name,
    validator: { validate: (value: unknown) => typeof value === 'string' && check(normaliseIdentifier(value)), defaultMessage: () => message },
  });

const IsKrs = () => identifier('krs', isValidKrs, 'KRS number must have exactly 10 digits.');
const IsNip = () => identifier('nip', isValidNip, 'NIP must have 10 digits with a valid check digit.');
const IsRegon = () => identifier('regon', isValidRegon, 'REGON must have 9 or 14 digits with a valid check digit.');
const IsPhone = () =>
  Matches(/^\+?[\d\s()-]{9,20}$/, { message: 'Phone number must have 9 to 15 digits (spaces and dashes allowed).' });
const httpUrl = { protocols: ['http', 'https'], require_protocol: true };
const urlMessage = { message: 'Enter a full address starting with https://.' };

/** Profile fields shared by registration and update; on update every field is optional. */
@InputType()
class OrganizationProfileFields {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(2, 40) shortName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsKrs() krs?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsNip() nip?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsRegon() regon?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsEmail({}, { message: 'Enter a valid email address.' }) email?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsPhone() phone?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsUrl(httpUrl, urlMessage) website?: string | null;
  @Field(() => [String], { nullable: true }) @Omittable() @ArrayMaxSize(10) @IsUrl(httpUrl, { each: true, ...urlMessage })
  socialLinks?: string[];
  @Field(() => String, { nullable: true }) @IsOptional() @IsUrl(httpUrl, urlMessage) logoUrl?: string | null;
  @Field(() => [AccessibilityFeature], { nullable: true }) @Omittable() @IsEnum(AccessibilityFeature, { each: true })
  premisesAccessibility?: AccessibilityFeature[];
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(1000) accessibilityNotes?: string | null;
  @Field(() => Boolean, { nullable: true }) @Omittable() @IsBoolean() lookingForVolunteers?: boolean;
}

@InputType()
export class RegisterOrganizationInput extends OrganizationProfileFields {
  @Field(() => String) @Length(3, 200, { message: 'Name must have 3 to 200 characters.' }) name!: string;
  @Field(() => LegalForm) @IsEnum(LegalForm) legalForm!: LegalForm;
  @Field(() => String) @Length(20, 5000, { message: 'Description must have 20 to 5000 characters.' }) description!: string;
  @Field(() => [ActivityArea]) @IsEnum(ActivityArea, { each: true }) @ArrayMaxSize(13) activityAreas!: ActivityArea[];
  @Field(() => AddressInput) @ValidateNested() address!: AddressInput;
}

@InputType()
export class UpdateOrganizationInput extends OrganizationProfileFields {
  @Field(() => String, { nullable: true }) @Omittable() @Length(3, 200, { message: 'Name must have 3 to 200 characters.' }) name?: string;
  @Field(() => LegalForm, { nullable: true }) @Omittable() @IsEnum(LegalForm) legalForm?: LegalForm;
  @Field(() => String, { nullable: true }) @Omittable() @Length(20, 5000, { message: 'Description must have 20 to 5000 characters.' })
  description?: string;
  @Field(() => [ActivityArea], { nullable: true }) @Omittable() @IsEnum(ActivityArea, { each: true }) activityAreas?: ActivityArea[];
  @Field(() => AddressInput, { nullable: true }) @Omittable() @ValidateNested() address?: AddressInput;
}

@InputType()
export class OrganizationFilter {
  @Field(() => String, { nullable: true, description: 'Words to find; case, Polish diacritics and small typos do not matter.' })
  @IsOptional() @MaxLength(100) search?: string;
  @Field(() => [LegalForm], { nullable: true }) @IsOptional() @IsEnum(LegalForm, { each: true }) legalForms?: LegalForm[];
  @Field(() => [ActivityArea], { nullable: true, description: 'Organisations active in any of these areas.' })
  @IsOptional() @IsEnum(ActivityArea, { each: true }) areas?: ActivityArea[];
  @Field(() => Int, { nullable: true, description: 'Only organisations with public-benefit status in this tax year.' })
  @IsOptional() @IsInt() @Min(2003) @Max(2100) publicBenefitYear?: number;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100) district?: string;
  @Field(() => Boolean, { nullable: true }) @IsOptional() lookingForVolunteers?: boolean;
  @Field(() => OrganizationStatus, { nullable: true, description: 'Staff only; everyone else sees PUBLISHED.' })
  @IsOptional() @IsEnum(OrganizationStatus) status?: OrganizationStatus;
}

@InputType()
export class AddMemberInput {
  @Field(() => ID) organizationId!: string;
  @Field(() => String, { description: 'Email of an existing account in this municipality.' })
  @IsEmail({}, { message: 'Enter a valid email address.' }) email!: string;
  @Field(() => MembershipRole) @IsEnum(MembershipRole) role!: MembershipRole;
}

@InputType()
export class SetPublicBenefitYearsInput {
  @Field(() => ID) organizationId!: string;
  @Field(() => [Int]) @IsInt({ each: true }) @Min(2003, { each: true }) @Max(2100, { each: true }) @ArrayMaxSize(50) taxYears!: number[];
}
