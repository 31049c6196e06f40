import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize, can, isStaff } from '../../core/auth/policy.js';
import { MembershipRole } from '../../core/auth/roles.js';
import { toAddress } from '../../core/address.js';
import type { Caller } from '../../core/context.js';
import { toCsv } from '../../core/csv.js';
import { describeConstraints } from '../../core/db/constraints.js';
import { entityShape, jsonObject, type JsonShape } from '../../core/db/json-read.js';
import { publicReads } from '../../core/db/replicas.js';
import type { Selection } from '../../core/graphql/selection.js';
import { conflict, fieldError, notFound } from '../../core/errors.js';
import { type Connection, checkPageSize } from '../../core/pagination.js';
import { condition, type Keyset, keysetPage } from '../../core/db/keyset.js';
import { queryPrepared } from '../../core/db/prepared.js';
import { escapeLike } from '../../core/db/like.js';
import { slugify } from '../../core/slug.js';
import { findUserByEmail, type User, userReadShape } from '../accounts/index.js';
import { Municipality } from '../municipalities/index.js';
import { normaliseIdentifier } from './identifiers.js';
import { Membership } from './membership.entity.js';
import { Organization } from './organization.entity.js';
import { OrganizationStatus, organizationLifecycle } from './organization.enums.js';
import type {
  AddMemberInput, OrganizationFilter, RegisterOrganizationInput, SetPublicBenefitYearsInput, UpdateOrganizationInput,
} from './organization.inputs.js';

const DUPLICATE_KRS = { reason: 'DUPLICATE_KRS', field: 'krs', message: 'An organisation with this KRS number is already registered here.' } as const;
const duplicateKrs = () => conflict(DUPLICATE_KRS.reason, DUPLICATE_KRS.message, { field: DUPLICATE_KRS.field });
// A KRS race lost to a concurrent registration answers like the pre-check.
describeConstraints({ organization_municipality_krs_unique: DUPLICATE_KRS });

/**
 * How read paths nest an organisation (e.g. the Open Days programme): its columns; fields computed
 * in code get what they need, and members load through their resolver.
 */
export function organizationReadShape(em: EntityManager, alias: string): JsonShape {
  return {
    ...entityShape(em.getMetadata(Organization), alias),
    taxPercentage: { needs: ['publicBenefitYears'] },
    viewerRole: { needs: ['id'] },
    members: { needs: ['id'] },
  };
}

/**
 * How the directory reads an organisation: as above, and its members with their users in the same
 * statement when asked. Members are read only where the caller may see them (staff: all; members:
 * their own organisations); the `members` field resolver still decides what is shown.
 */
function directoryShape(em: EntityManager, caller: Caller): JsonShape {
  const actor = caller.actor;
  const staff = actor !== null && isStaff(actor);
  const own = actor ? [...actor.memberships.keys()] : [];
  if (!staff && !own.length) return organizationReadShape(em, 'o');
  return {
    ...organizationReadShape(em, 'o'),
    members: {
      list: {
        from: 'membership m join "user" u on u.id = m.user_id',
        where: staff ? { text: 'm.organization_id = o.id', params: [] } : { text: 'm.organization_id = o.id and o.id = any(array[?]::uuid[])', params: [own] },
        orderBy: 'm.created_at',
        shape: { ...entityShape(em.getMetadata(Membership), 'm'), user: { object: userReadShape(em, 'u') } },
      },
    },
  };
}

/** A directory row as PostgreSQL built it (see organizationShape). */
const DIRECTORY_ORDER: Keyset = { columns: ['o.sort_name', 'o.id'], parts: ['text', 'uuid'] };

export type OrganizationRow = Partial<Organization> & { id: string; members?: MembershipRow[] };
export type MembershipRow = Partial<Omit<Membership, 'user'>> & { user: Partial<User> };

/**
 * Directory listing: filters, folded-text search with typo tolerance, keyset pagination by name.
 * One statement for the page, with members and `totalCount` when asked.
 */
export async function listOrganizations(
  em: EntityManager, caller: Caller, filter: OrganizationFilter, first: number, after: string | null | undefined, selection: Selection,
): Promise<Connection<OrganizationRow>> {
  checkPageSize(first);
  if (filter.status && filter.status !== OrganizationStatus.PUBLISHED) authorize(caller.actor, 'organization.moderate');
  const where = [condition('o.municipality_id = ?', caller.municipality.id), condition('o.status = ?', filter.status ?? OrganizationStatus.PUBLISHED)];
  if (filter.legalForms?.length) where.push(condition('o.legal_form in (?)', filter.legalForms));
  if (filter.areas?.length) where.push(condition('o.activity_areas && array[?]::text[]', filter.areas));
  if (filter.publicBenefitYear) where.push(condition('o.public_benefit_years @> array[?]::int[]', filter.publicBenefitYear));
  if (filter.district) where.push(condition('razem_fold(o.address_district) = razem_fold(?)', filter.district));
  if (filter.lookingForVolunteers !== undefined && filter.lookingForVolunteers !== null) {
    where.push(condition('o.looking_for_volunteers = ?', filter.lookingForVolunteers));
  }
  // Every word must occur in the folded text, or be close enough to one of its words (pg_trgm `<%`).
  for (const word of (filter.search ?? '').split(/\s+/).filter(Boolean)) {
    where.push(condition(`o.search_text like '%' || razem_fold(?) || '%' or razem_fold(?) <% o.search_text`, escapeLike(word), word));
  }
  const matches = { from: 'organization o', where };
  return keysetPage<OrganizationRow>(em, publicReads(em, caller), {
    keyset: DIRECTORY_ORDER, first, after, node: jsonObject(directoryShape(em, caller), selection.at('edges', 'node')),
    matches, counted: selection.has('totalCount') ? matches : null,
  });
}

function assertVisible(organization: Organization, caller: Caller) {
  if (organization.status !== OrganizationStatus.PUBLISHED && !can(caller.actor, 'organization.viewUnpublished', { organizationId: organization.id })) {
    throw notFound('Organisation');
  }
}

export async function findOrganizationBySlug(em: EntityManager, caller: Caller, slug: string): Promise<Organization | null> {
  const organization = await em.findOne(Organization, { municipality: caller.municipality.id, slug });
  if (!organization) return null;
  try {
    assertVisible(organization, caller);
    return organization;
  } catch {
    return null;
  }
}

/** An organisation of the caller's municipality, any status, or NOT_FOUND. */
export async function organizationInMunicipality(em: EntityManager, caller: Caller, id: string): Promise<Organization> {
  const organization = await em.findOne(Organization, { id, municipality: caller.municipality.id });
  if (!organization) throw notFound('Organisation');
  return organization;
}

async function uniqueSlug(em: EntityManager, municipalityId: string, base: string, exceptId?: string): Promise<string> {
  const root = slugify(base) || 'organizacja';
  const taken = new Set(
    (await em.find(Organization, { municipality: municipalityId, slug: { $like: `${root}%` }, ...(exceptId ? { id: { $ne: exceptId } } : {}) }))
      .map((o) => o.slug),
  );
  let slug = root;
  for (let n = 2; taken.has(slug); n++) slug = `${root}-${n}`;
  return slug;
}

async function assertKrsFree(em: EntityManager, municipalityId: string, krs: string | null, exceptId?: string) {
  if (!krs) return;
  const clash = await em.count(Organization, { municipality: municipalityId, krs, ...(exceptId ? { id: { $ne: exceptId } } : {}) });
  if (clash) throw duplicateKrs();
}

const identifierOrNull = (value: string | null | undefined) => (value ? normaliseIdentifier(value) : null);
const textOrNull = (value: string | null | undefined) => value?.trim() || null;

/** Applies the optional profile fields present in an input (undefined = leave as is, null = clear). */
function applyProfile(organization: Organization, input: UpdateOrganizationInput | RegisterOrganizationInput) {
  if (input.name !== undefined) organization.name = input.name.trim();
  if (input.legalForm !== undefined) organization.legalForm = input.legalForm;
  if (input.description !== undefined) organization.description = input.description.trim();
  if (input.activityAreas !== undefined) organization.activityAreas = [...new Set(input.activityAreas)];
  if (input.address !== undefined) organization.address = toAddress(input.address);
  if (input.shortName !== undefined) organization.shortName = textOrNull(input.shortName);
  if (input.krs !== undefined) organization.krs = identifierOrNull(input.krs);
  if (input.nip !== undefined) organization.nip = identifierOrNull(input.nip);
  if (input.regon !== undefined) organization.regon = identifierOrNull(input.regon);
  if (input.email !== undefined) organization.email = textOrNull(input.email)?.toLowerCase() ?? null;
  if (input.phone !== undefined) organization.phone = textOrNull(input.phone);
  if (input.website !== undefined) organization.website = textOrNull(input.website);
  if (input.socialLinks !== undefined) organization.socialLinks = input.socialLinks ?? [];
  if (input.logoUrl !== undefined) organization.logoUrl = textOrNull(input.logoUrl);
  if (input.premisesAccessibility !== undefined) organization.premisesAccessibility = [...new Set(input.premisesAccessibility ?? [])];
  if (input.accessibilityNotes !== undefined) organization.accessibilityNotes = textOrNull(input.accessibilityNotes);
  if (input.lookingForVolunteers !== undefined && input.lookingForVolunteers !== null) {
    organization.lookingForVolunteers = input.lookingForVolunteers;
  }
}


/** Anyone signed in may register an organisation; they become its OWNER and it waits for staff (PENDING). */
export async function registerOrganization(em: EntityManager, caller: Caller, input: RegisterOrganizationInput): Promise<Organization> {
  const actor = authorize(caller.actor, 'organization.register');
  const municipalityId = caller.municipality.id;
  await assertKrsFree(em, municipalityId, identifierOrNull(input.krs));
  const organization = em.create(Organization, {
    municipality: em.getReference(Municipality, municipalityId),
    slug: await uniqueSlug(em, municipalityId, input.shortName || input.name),
    name: input.name,
    legalForm: input.legalForm,
    address: toAddress(input.address),
  });
  applyProfile(organization, input);
  em.create(Membership, { organization, user: actor.userId, role: MembershipRole.OWNER });
  await em.flush();
  return organization;
}

export async function updateOrganization(em: EntityManager, caller: Caller, id: string, input: UpdateOrganizationInput): Promise<Organization> {
  const organization = await organizationInMunicipality(em, caller, id);
  authorize(caller.actor, 'organization.update', { organizationId: id });
  if (input.krs !== undefined) await assertKrsFree(em, caller.municipality.id, identifierOrNull(input.krs), id);
  applyProfile(organization, input);
  await em.flush();
  return organization;
}

export async function setOrganizationStatus(em: EntityManager, caller: Caller, id: string, status: OrganizationStatus): Promise<Organization> {
  authorize(caller.actor, 'organization.moderate');
  const organization = await organizationInMunicipality(em, caller, id);
  await organizationLifecycle.move(em, organization, status);
  await em.flush();
  return organization;
}

export async function setPublicBenefitYears(em: EntityManager, caller: Caller, input: SetPublicBenefitYearsInput): Promise<Organization> {
  authorize(caller.actor, 'organization.moderate');
  const organization = await organizationInMunicipality(em, caller, input.organizationId);
  organization.publicBenefitYears = [...new Set(input.taxYears)].sort((a, b) => a - b);
  await em.flush();
  return organization;
}

export async function addMember(em: EntityManager, caller: Caller, input: AddMemberInput): Promise<Membership> {
  const organization = await organizationInMunicipality(em, caller, input.organizationId);
  authorize(caller.actor, 'organization.manageMembers', { organizationId: organization.id });
  const user = await findUserByEmail(em, caller.municipality.id, input.email);
  if (!user) throw fieldError('email', 'unknownAccount', 'No account with this email exists here; ask the person to sign up first.');
  const existing = await em.findOne(Membership, { organization, user });
  if (existing) {
    await assertOwnerRemains(em, organization, existing, input.role);
    existing.role = input.role;
  } else {
    em.create(Membership, { organization, user, role: input.role });
  }
  await em.flush();
  return existing ?? (await em.findOneOrFail(Membership, { organization, user }));
}

/** An organisation must keep at least one OWNER, or nobody could manage its members. */
async function assertOwnerRemains(em: EntityManager, organization: Organization, changing: Membership, newRole: MembershipRole | null) {
  if (changing.role !== MembershipRole.OWNER || newRole === MembershipRole.OWNER) return;
  const owners = await em.count(Membership, { organization, role: MembershipRole.OWNER });
  if (owners <= 1) throw conflict('LAST_OWNER', 'The last owner cannot be removed or demoted; add another owner first.');
}

export async function removeMember(em: EntityManager, caller: Caller, organizationId: string, userId: string): Promise<boolean> {
  const organization = await organizationInMunicipality(em, caller, organizationId);
  authorize(caller.actor, 'organization.manageMembers', { organizationId });
  const membership = await em.findOne(Membership, { organization, user: userId });
  if (!membership) throw notFound('Membership');
  await assertOwnerRemains(em, organization, membership, null);
  em.remove(membership);
  await em.flush();
  return true;
}

export async function myOrganizations(em: EntityManager, caller: Caller): Promise<Organization[]> {
  // The memberships came with the request's session: most people have none, and need no query.
  if (!caller.actor?.memberships.size) return [];
  return em.find(
    Organization,
    { municipality: caller.municipality.id, id: { $in: [...caller.actor.memberships.keys()] } },
    { orderBy: { name: 'asc' } },
  );
}

/** The printable public-benefit guide (Informator) of one tax year: published organisations with OPP status then. */
export function publicBenefitOrganizations(em: EntityManager, caller: Caller, taxYear: number): Promise<Organization[]> {
  return em.find(
    Organization,
    { municipality: caller.municipality.id, status: OrganizationStatus.PUBLISHED, publicBenefitYears: { $contains: [taxYear] } },
    { orderBy: { name: 'asc' }, connectionType: publicReads(em, caller) },
  );
}

export async function districts(em: EntityManager, caller: Caller): Promise<string[]> {
  const rows = await queryPrepared<{ district: string }>(
    em,
    `select distinct address_district as district from organization
     where municipality_id = ? and status = 'PUBLISHED' and address_district is not null order by 1`,
    [caller.municipality.id],
    publicReads(em, caller),
  );
  return rows.map((r) => r.district);
}

/** Staff export of the whole directory, all statuses, for mail merges and reports. */
export async function exportOrganizationsCsv(em: EntityManager, caller: Caller): Promise<string> {
  authorize(caller.actor, 'organization.export');
  const organizations = await em.find(Organization, { municipality: caller.municipality.id }, { orderBy: { name: 'asc' } });
  return toCsv(
    ['name', 'short_name', 'legal_form', 'status', 'krs', 'nip', 'regon', 'email', 'phone', 'website', 'street', 'postal_code', 'city', 'district', 'areas', 'public_benefit_years', 'looking_for_volunteers'],
    organizations.map((o) => [
      o.name, o.shortName, o.legalForm, o.status, o.krs, o.nip, o.regon, o.email, o.phone, o.website,
      o.address.street, o.address.postalCode, o.address.city, o.address.district,
      o.activityAreas.join(' '), o.publicBenefitYears.join(' '), o.lookingForVolunteers ? 'yes' : 'no',
    ]),
  );
}

/** A user's memberships (organisation id -> role) as SQL over their id, for the request context's one statement (see actorForSession). */
export const membershipsOfUserSql = (userId: string) =>
  `(select coalesce(json_object_agg(m.organization_id, m.role), '{}'::json) from membership m where m.user_id = ${userId})`;

/** Personal data: an erased person is nobody's member any more (an organisation may lose its only owner: staff manage it). */
export async function removeMembershipsOf(em: EntityManager, userId: string): Promise<void> {
  await em.nativeDelete(Membership, { user: userId });
}
