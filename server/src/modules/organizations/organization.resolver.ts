import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Float, Info, Int, Mutation, ObjectType, Query, Resolver, Root, Field } from 'type-graphql';
import { ID } from '../../core/graphql/id.js';
import { can } from '../../core/auth/policy.js';
import { MembershipRole } from '../../core/auth/roles.js';
import { callerOf, type RequestContext } from '../../core/context.js';
import { RateLimited } from '../../core/graphql/rate-limited.js';
import { selectionOf } from '../../core/graphql/selection.js';
import { ConnectionType } from '../../core/pagination.js';
import { Membership } from './membership.entity.js';
import { Organization } from './organization.entity.js';
import { OrganizationStatus } from './organization.enums.js';
import {
  AddMemberInput, OrganizationFilter, RegisterOrganizationInput, SetPublicBenefitYearsInput, UpdateOrganizationInput,
} from './organization.inputs.js';
import { membershipsByOrganization } from './organization.loaders.js';
import * as organizations from './organization.service.js';
import { taxPercentageForYear } from './tax-percentage.js';

const OrganizationConnection = ConnectionType(Organization);

@ObjectType({ simpleResolvers: true, description: 'The yearly guide of public-benefit organisations (Informator OPP).' })
class PublicBenefitGuide {
  @Field(() => Int) taxYear!: number;
  @Field(() => Float, { nullable: true, description: 'Percent of income tax a taxpayer may give: 1 up to 2022, 1.5 from 2023.' })
  taxPercentage!: number | null;
  @Field(() => [Organization]) organizations!: Organization[];
}

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => OrganizationConnection, { description: 'The directory. Anonymous users and residents see published organisations only.' })
  organizations(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => OrganizationFilter, { nullable: true }) filter: OrganizationFilter | null,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Info() info: GraphQLResolveInfo,
  ) {
    return organizations.listOrganizations(ctx.em, callerOf(ctx), filter ?? {}, first, after, selectionOf(info));
  }

  @Query(() => Organization, { nullable: true })
  organization(@Arg('slug', () => String) slug: string, @Ctx() ctx: RequestContext) {
    return organizations.findOrganizationBySlug(ctx.em, callerOf(ctx), slug);
  }

  @Query(() => [Organization], { description: "Organisations the signed-in user is a member of, any status." })
  myOrganizations(@Ctx() ctx: RequestContext) {
    return organizations.myOrganizations(ctx.em, callerOf(ctx));
  }

  @Query(() => [String], { description: 'Districts that published organisations are in, for the filter.' })
  districts(@Ctx() ctx: RequestContext) {
    return organizations.districts(ctx.em, callerOf(ctx));
  }

  @Query(() => PublicBenefitGuide)
  async publicBenefitGuide(@Arg('taxYear', () => Int) taxYear: number, @Ctx() ctx: RequestContext): Promise<PublicBenefitGuide> {
    return {
      taxYear,
      taxPercentage: taxPercentageForYear(taxYear),
      organizations: await organizations.publicBenefitOrganizations(ctx.em, callerOf(ctx), taxYear),
    };
  }

  @Query(() => String, { description: 'Staff only: the directory as CSV (UTF-8, comma-separated).' })
  organizationsCsv(@Ctx() ctx: RequestContext) {
    return organizations.exportOrganizationsCsv(ctx.em, callerOf(ctx));
  }

  @Mutation(() => Organization, { description: 'Registers an organisation; the caller becomes its OWNER and it waits for staff (PENDING).' })
  @RateLimited('writesPerAccount')
  async registerOrganization(@Arg('input', () => RegisterOrganizationInput) input: RegisterOrganizationInput, @Ctx() ctx: RequestContext) {
    const organization = await ctx.em.transactional((em) => organizations.registerOrganization(em, callerOf(ctx), input));
    // The actor was resolved before the membership existed; the rest of this response should see it.
    if (ctx.actor) ctx.actor = { ...ctx.actor, memberships: new Map(ctx.actor.memberships).set(organization.id, MembershipRole.OWNER) };
    return organization;
  }

  @Mutation(() => Organization)
  updateOrganization(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateOrganizationInput) input: UpdateOrganizationInput,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.em.transactional((em) => organizations.updateOrganization(em, callerOf(ctx), id, input));
  }

  @Mutation(() => Organization, { description: 'Staff: make a verified organisation visible in the directory.' })
  publishOrganization(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.em.transactional((em) => organizations.setOrganizationStatus(em, callerOf(ctx), id, OrganizationStatus.PUBLISHED));
  }

  @Mutation(() => Organization, { description: 'Staff: hide an organisation that no longer operates.' })
  archiveOrganization(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.em.transactional((em) => organizations.setOrganizationStatus(em, callerOf(ctx), id, OrganizationStatus.ARCHIVED));
  }

  @Mutation(() => Organization, { description: 'Staff: the tax years in which the organisation has public-benefit (OPP) status.' })
  setPublicBenefitYears(@Arg('input', () => SetPublicBenefitYearsInput) input: SetPublicBenefitYearsInput, @Ctx() ctx: RequestContext) {
    return ctx.em.transactional((em) => organizations.setPublicBenefitYears(em, callerOf(ctx), input));
  }

  @Mutation(() => Membership, { description: 'Owners (and staff) add a member or change a member’s role.' })
  addOrganizationMember(@Arg('input', () => AddMemberInput) input: AddMemberInput, @Ctx() ctx: RequestContext) {
    return ctx.em.transactional((em) => organizations.addMember(em, callerOf(ctx), input));
  }

  @Mutation(() => Boolean)
  removeOrganizationMember(
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('userId', () => ID) userId: string,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.em.transactional((em) => organizations.removeMember(em, callerOf(ctx), organizationId, userId));
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Percent of income tax the organisation may receive for the tax year, or null without OPP status then.' })
  taxPercentage(@Root() organization: Organization | organizations.OrganizationRow, @Arg('taxYear', () => Int) taxYear: number) {
    return organization.publicBenefitYears?.includes(taxYear) ? taxPercentageForYear(taxYear) : null;
  }

  @FieldResolver(() => [Membership], { nullable: true, description: 'Visible to the organisation’s members and staff; null for others.' })
  members(@Root() organization: Organization | organizations.OrganizationRow, @Ctx() ctx: RequestContext) {
    if (!can(ctx.actor, 'organization.viewMembers', { organizationId: organization.id })) return null;
    // The directory's rows bring their members along (one statement); single organisations load them.
    return 'members' in organization ? organization.members : ctx.loaders.get(membershipsByOrganization).load(organization.id);
  }

  @FieldResolver(() => MembershipRole, { nullable: true, description: 'The signed-in user’s role in this organisation.' })
  viewerRole(@Root() organization: Organization | organizations.OrganizationRow, @Ctx() ctx: RequestContext) {
    return ctx.actor?.memberships.get(organization.id) ?? null;
  }
}
