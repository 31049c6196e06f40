import { IsEmail, IsEnum, IsUrl, Length, Matches } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { IsCalendarDate } from '../../core/validation.js';
import { AssessmentMethod, ComplianceStatus } from './public-notices.enums.js';

const NAME = [2, 200] as const;
const TEXT = [10, 20_000] as const;
const IsPhone = () => Matches(/^\+?[\d\s()-]{9,20}$/, { message: 'Phone number must have 9 to 15 digits (spaces and dashes allowed).' });

/** The whole privacy notice: every field, in both languages. */
@InputType()
export class PrivacyNoticeInput {
  @Field(() => String) @Length(...NAME) controllerPl!: string;
  @Field(() => String) @Length(...NAME) controllerEn!: string;
  @Field(() => String) @Length(...NAME) dataProtectionOfficer!: string;
  @Field(() => String) @Length(...TEXT) bodyPl!: string;
  @Field(() => String) @Length(...TEXT) bodyEn!: string;
}

/** The whole accessibility statement: every field, free text in both languages. */
@InputType()
export class AccessibilityStatementInput {
  @Field(() => String) @Length(...NAME) bodyNamePl!: string;
  @Field(() => String) @Length(...NAME) bodyNameEn!: string;
  @Field(() => String) @Length(...NAME) @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'Enter a full address starting with https://.' })
  siteUrl!: string;
  @Field(() => String, { description: 'YYYY-MM-DD' }) @IsCalendarDate() publishedOn!: string;
  @Field(() => String, { description: 'YYYY-MM-DD' }) @IsCalendarDate() lastUpdatedOn!: string;
  @Field(() => ComplianceStatus) @IsEnum(ComplianceStatus) complianceStatus!: ComplianceStatus;
  @Field(() => String) @Length(0, TEXT[1]) nonAccessibleContentPl!: string;
  @Field(() => String) @Length(0, TEXT[1]) nonAccessibleContentEn!: string;
  @Field(() => String, { description: 'YYYY-MM-DD' }) @IsCalendarDate() preparedOn!: string;
  @Field(() => String, { description: 'YYYY-MM-DD' }) @IsCalendarDate() reviewedOn!: string;
  @Field(() => AssessmentMethod) @IsEnum(AssessmentMethod) assessmentMethod!: AssessmentMethod;
  @Field(() => String) @Length(...NAME) contactName!: string;
  @Field(() => String) @Length(3, 200) @IsEmail({}, { message: 'Enter a valid email address.' }) contactEmail!: string;
  @Field(() => String) @IsPhone() contactPhone!: string;
  @Field(() => String) @Length(...TEXT) procedurePl!: string;
  @Field(() => String) @Length(...TEXT) procedureEn!: string;
  @Field(() => String) @Length(...TEXT) architecturePl!: string;
  @Field(() => String) @Length(...TEXT) architectureEn!: string;
  @Field(() => String) @Length(...TEXT) signLanguagePl!: string;
  @Field(() => String) @Length(...TEXT) signLanguageEn!: string;
}
