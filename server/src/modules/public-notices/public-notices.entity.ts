import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ObjectType } from 'type-graphql';
import { ID } from '../../core/graphql/id.js';
import { Municipality } from '../municipalities/index.js';
import { AssessmentMethod, ComplianceStatus } from './public-notices.enums.js';

/**
 * The privacy notice (informacja o przetwarzaniu danych osobowych, GDPR art. 13) of a municipality,
 * in Polish and English. Free text is plain text: blank lines part paragraphs, `## ` starts a heading
 * and `- ` a list item. The retention periods are not typed here: the page shows the stored settings.
 */
@Entity()
@ObjectType({ simpleResolvers: true })
export class PrivacyNotice {
  @Field(() => ID) @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @ManyToOne({ entity: () => Municipality, unique: true }) municipality!: Municipality;
  @Field(() => String, { description: 'The data controller: name and address of the office (Polish).' }) @Property({ type: 'text' }) controllerPl!: string;
  @Field(() => String) @Property({ type: 'text' }) controllerEn!: string;
  @Field(() => String, { description: 'How to reach the data protection officer (inspektor ochrony danych).' }) @Property({ type: 'string' }) dataProtectionOfficer!: string;
  @Field(() => String) @Property({ type: 'text' }) bodyPl!: string;
  @Field(() => String) @Property({ type: 'text' }) bodyEn!: string;
  @Field(() => Date) @Property({ type: 'datetime', onUpdate: () => new Date() }) updatedAt: Opt<Date> = new Date();
}

/**
 * The accessibility statement (deklaracja dostępności) of a municipality, in the structure the Polish
 * law on the digital accessibility of public bodies' websites (ustawa z 4 kwietnia 2019 r.) and its
 * template prescribe: the body and the site, the dates, the compliance status with what is not
 * accessible and why, how and when the statement was prepared and reviewed, the contact for
 * requests, the request and complaint procedure, the office's architectural accessibility and Polish
 * sign language. Dates are Warsaw calendar dates (YYYY-MM-DD); free text as in PrivacyNotice.
 */
@Entity()
@ObjectType({ simpleResolvers: true })
export class AccessibilityStatement {
  @Field(() => ID) @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @ManyToOne({ entity: () => Municipality, unique: true }) municipality!: Municipality;
  @Field(() => String, { description: 'Name of the public body (Polish).' }) @Property({ type: 'string' }) bodyNamePl!: string;
  @Field(() => String) @Property({ type: 'string' }) bodyNameEn!: string;
  @Field(() => String, { description: 'Address of the site the statement covers.' }) @Property({ type: 'string' }) siteUrl!: string;
  @Field(() => String, { description: 'Date the site was published.' }) @Property({ type: 'date' }) publishedOn!: string;
  @Field(() => String, { description: 'Date of the last significant update of the site.' }) @Property({ type: 'date' }) lastUpdatedOn!: string;
  @Field(() => ComplianceStatus) @Enum({ items: () => ComplianceStatus }) complianceStatus!: ComplianceStatus;
  @Field(() => String, { description: 'Content that is not accessible, and why (also content exempt from the law).' })
  @Property({ type: 'text' }) nonAccessibleContentPl!: string;
  @Field(() => String) @Property({ type: 'text' }) nonAccessibleContentEn!: string;
  @Field(() => String, { description: 'Date the statement was prepared.' }) @Property({ type: 'date' }) preparedOn!: string;
  @Field(() => String, { description: 'Date the statement was last reviewed.' }) @Property({ type: 'date' }) reviewedOn!: string;
  @Field(() => AssessmentMethod) @Enum({ items: () => AssessmentMethod }) assessmentMethod!: AssessmentMethod;
  @Field(() => String, { description: 'Person responsible for accessibility requests.' }) @Property({ type: 'string' }) contactName!: string;
  @Field(() => String) @Property({ type: 'string' }) contactEmail!: string;
  @Field(() => String) @Property({ type: 'string' }) contactPhone!: string;
  @Field(() => String, { description: 'Requests for accessibility, complaints and the Ombudsman (Rzecznik Praw Obywatelskich).' })
  @Property({ type: 'text' }) procedurePl!: string;
  @Field(() => String) @Property({ type: 'text' }) procedureEn!: string;
  @Field(() => String, { description: 'Architectural accessibility of the office.' }) @Property({ type: 'text' }) architecturePl!: string;
  @Field(() => String) @Property({ type: 'text' }) architectureEn!: string;
  @Field(() => String, { description: 'Polish sign language (PJM) interpreting.' }) @Property({ type: 'text' }) signLanguagePl!: string;
  @Field(() => String) @Property({ type: 'text' }) signLanguageEn!: string;
  @Field(() => Date) @Property({ type: 'datetime', onUpdate: () => new Date() }) updatedAt: Opt<Date> = new Date();
}
