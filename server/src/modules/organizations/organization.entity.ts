import { Embedded, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { ArrayType, type Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, Int, ObjectType } from 'type-graphql';
import { ID } from '../../core/graphql/id.js';
import { Address } from '../../core/address.js';
import { Municipality } from '../municipalities/index.js';
import { AccessibilityFeature, ActivityArea, LegalForm, OrganizationStatus } from './organization.enums.js';

/**
 * Folded text for search: lower case without Polish diacritics, so "zwiazek" finds "Związek".
 * Kept by PostgreSQL itself (generated column) so no write path can forget it.
 */
const SEARCH_TEXT = `(razem_fold(name || ' ' || coalesce(short_name, '') || ' ' || description)) stored`;

@Entity()
@Unique({ properties: ['municipality', 'slug'] })
@Unique({ name: 'organization_municipality_krs_unique', properties: ['municipality', 'krs'] })
@Index({ name: 'organization_search_text_trgm', expression: 'create index "organization_search_text_trgm" on "organization" using gin ("search_text" gin_trgm_ops)' })
// The directory's order within a status, and its count by an index-only scan.
@Index({ properties: ['municipality', 'status', 'sortName', 'id'] })
@ObjectType({ simpleResolvers: true })
export class Organization {
  @Field(() => ID) @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @ManyToOne({ entity: () => Municipality }) municipality!: Municipality;
  @Field(() => String) @Property({ type: 'string' }) slug!: string;
  @Field(() => String) @Property({ type: 'string' }) name!: string;
  @Field(() => String, { nullable: true }) @Property({ type: 'string', nullable: true }) shortName: string | null = null;
  @Field(() => LegalForm) @Enum({ items: () => LegalForm }) legalForm!: LegalForm;
  @Field(() => String, { nullable: true }) @Property({ type: 'string', length: 10, nullable: true }) krs: string | null = null;
  @Field(() => String, { nullable: true }) @Property({ type: 'string', length: 10, nullable: true }) nip: string | null = null;
  @Field(() => String, { nullable: true }) @Property({ type: 'string', length: 14, nullable: true }) regon: string | null = null;
  @Field(() => String) @Property({ type: 'text' }) description: Opt<string> = '';
  @Field(() => [ActivityArea]) @Enum({ items: () => ActivityArea, array: true }) activityAreas: Opt<ActivityArea[]> = [];
  @Field(() => Address) @Embedded({ entity: () => Address, prefix: 'address_' }) address!: Address;
  @Field(() => String, { nullable: true }) @Property({ type: 'string', nullable: true }) email: string | null = null;
  @Field(() => String, { nullable: true }) @Property({ type: 'string', nullable: true }) phone: string | null = null;
  @Field(() => String, { nullable: true }) @Property({ type: 'string', nullable: true }) website: string | null = null;
  @Field(() => [String]) @Property({ type: 'text[]' }) socialLinks: Opt<string[]> = [];
  @Field(() => String, { nullable: true }) @Property({ type: 'string', nullable: true }) logoUrl: string | null = null;
  @Field(() => [AccessibilityFeature]) @Enum({ items: () => AccessibilityFeature, array: true })
  premisesAccessibility: Opt<AccessibilityFeature[]> = [];
  @Field(() => String, { nullable: true }) @Property({ type: 'text', nullable: true }) accessibilityNotes: string | null = null;
  @Field(() => Boolean) @Property({ type: 'boolean' }) lookingForVolunteers: Opt<boolean> = false;
  /** Tax years in which the organisation had public-benefit (OPP) status. */
  @Field(() => [Int]) @Property({ type: new ArrayType<number>(Number), columnType: 'int[]' }) publicBenefitYears: Opt<number[]> = [];
  @Field(() => OrganizationStatus) @Enum({ items: () => OrganizationStatus }) status: Opt<OrganizationStatus> = OrganizationStatus.PENDING;
  @Property({ type: 'text', generated: SEARCH_TEXT, hidden: true }) searchText?: string;
  /** Name folded the same way: the directory sorts by it so "Ś" files under "S" whatever the database collation. */
  @Property({ type: 'text', generated: '(razem_fold(name)) stored', hidden: true }) sortName?: string;
  @Field(() => Date) @Property({ type: 'datetime' }) createdAt: Opt<Date> = new Date();
  @Field(() => Date) @Property({ type: 'datetime', onUpdate: () => new Date() }) updatedAt: Opt<Date> = new Date();
}
