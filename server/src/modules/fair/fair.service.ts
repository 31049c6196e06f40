import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';
import { authorize, can } from '../../core/auth/policy.js';
import type { Caller } from '../../core/context.js';
import { toCsv } from '../../core/csv.js';
import { describeConstraints } from '../../core/db/constraints.js';
import { findVisible, visibleWhere } from '../../core/db/drafts.js';
import { conflict, fieldError, type FieldProblem, inputError, notFound } from '../../core/errors.js';
import { Municipality } from '../municipalities/index.js';
import { organizationInMunicipality, OrganizationStatus } from '../organizations/index.js';
import {
  type AllocationResult, allocateStands, allocationInputKey, type ApplicationSpec, type BestKnown, evaluateAllocation, fits, type PlanQuality, planQuality, type StandSpec,
} from './allocation.js';
import { ApplicationStatus, FairStatus, fairLifecycle, TentNeed } from './fair.enums.js';
import { Fair, FairApplication, Stand, StandAssignment } from './fair.entity.js';
import { countChanged } from '../../core/db/changed.js';
import type { FairApplicationInput, FairInput, ReviewInput, StandInput } from './fair.inputs.js';


function checkFairTimes(input: FairInput) {
  const problems: FieldProblem[] = [];
  if (input.closesAt <= input.opensAt) problems.push({ field: 'closesAt', code: 'beforeStart', message: 'The fair must close after it opens.' });
  if (input.applicationsCloseAt <= input.applicationsOpenAt) problems.push({ field: 'applicationsCloseAt', code: 'beforeStart', message: 'Applications must close after they open.' });
  if (input.applicationsCloseAt > input.opensAt) problems.push({ field: 'applicationsCloseAt', code: 'afterFair', message: 'Applications must close before the fair.' });
  if (problems.length) throw inputError(problems);
}

export async function createFair(em: EntityManager, caller: Caller, input: FairInput): Promise<Fair> {
  authorize(caller.actor, 'fair.manage');
  checkFairTimes(input);
  const fair = em.create(Fair, { ...input, name: input.name.trim(), municipality: em.getReference(Municipality, caller.municipality.id) });
  await em.flush();
  return fair;
}

/** A fair of the caller's municipality; drafts for staff only. */
export async function findFair(em: EntityManager, caller: Caller, id: string): Promise<Fair> {
  return findVisible(em, Fair, caller, id, 'Fair', can(caller.actor, 'fair.manage'));
}

export function listFairs(em: EntityManager, caller: Caller): Promise<Fair[]> {
  return em.find(Fair, visibleWhere(caller, can(caller.actor, 'fair.manage')) as never, { orderBy: { opensAt: 'desc' } });
}

export async function setFairStatus(em: EntityManager, caller: Caller, id: string, status: FairStatus): Promise<Fair> {
  authorize(caller.actor, 'fair.manage');
  const fair = await findFair(em, caller, id);
  await fairLifecycle.move(em, fair, status);
  await em.flush();
  return fair;
}

async function fairToManage(em: EntityManager, caller: Caller, id: string) {
  authorize(caller.actor, 'fair.manage');
  return findFair(em, caller, id);
}

// Races lost to a concurrent request end here: the database refuses, and the API says why.
const ALREADY_APPLIED = 'This organisation has already applied for this fair; edit that application.';
const TAKEN = { reason: 'TAKEN', message: 'Someone changed this stand at the same moment; reload the plan.' } as const;
describeConstraints({
  stand_fair_id_code_unique: { reason: 'DUPLICATE_CODE', field: 'code', message: 'Another stand of this fair has this code.' },
  fair_application_fair_id_organization_id_unique: { reason: 'ALREADY_APPLIED', field: 'organizationId', message: ALREADY_APPLIED },
  stand_assignment_stand_unique: TAKEN,
  stand_assignment_application_unique: TAKEN,
});

/** Touching edges are fine (rows of stands share them); less than this is rounding. */
const EDGE = 1e-6;

/** A stand stays on the plan and off every other stand of the fair. */
async function checkPlacement(em: EntityManager, fair: Fair, input: StandInput, standId?: string) {
  const problems: FieldProblem[] = [];
  if (input.x + input.width > fair.planWidth + EDGE) problems.push({ field: 'x', code: 'outsidePlan', message: `The stand must end within the plan's width (${fair.planWidth} m).` });
  if (input.y + input.height > fair.planHeight + EDGE) problems.push({ field: 'y', code: 'outsidePlan', message: `The stand must end within the plan's height (${fair.planHeight} m).` });
  const others = await em.find(Stand, standId ? { fair, id: { $ne: standId } } : { fair });
  const overlapped = others.find((o) =>
    input.x < o.x + o.width - EDGE && o.x < input.x + input.width - EDGE && input.y < o.y + o.height - EDGE && o.y < input.y + input.height - EDGE);
  if (overlapped) problems.push({ field: 'x', code: 'standOverlap', message: `The stand overlaps stand ${overlapped.code}.` });
  if (problems.length) throw inputError(problems);
}

const standFields = (input: StandInput) => ({ ...input, reservedFor: input.reserved ? input.reservedFor?.trim() || null : null });

export async function addStand(em: EntityManager, caller: Caller, fairId: string, input: StandInput): Promise<Stand> {
  const fair = await fairToManage(em, caller, fairId);
  await checkPlacement(em, fair, input);
  const stand = em.create(Stand, { ...standFields(input), fair });
  await em.flush();
  return stand;
}

async function standToManage(em: EntityManager, caller: Caller, id: string) {
  authorize(caller.actor, 'fair.manage');
  const stand = await em.findOne(Stand, { id, fair: { municipality: caller.municipality.id } }, { populate: ['fair'] });
  if (!stand) throw notFound('Stand');
  return stand;
}

/** Layout edits never silently undo the plan: a change the stand's organisation could no longer use is refused. */
export async function updateStand(em: EntityManager, caller: Caller, id: string, input: StandInput): Promise<Stand> {
  const stand = await standToManage(em, caller, id);
  await checkPlacement(em, stand.fair, input, stand.id);
  const placed = await em.findOne(StandAssignment, { stand }, { populate: ['application'] });
  if (placed && !fits({ ...standSpec(stand), ...input }, applicationSpec(placed.application))) {
    throw conflict('ASSIGNED_UNSUITABLE', 'After this change the stand would not meet the needs of the organisation assigned to it (or would be reserved); move the organisation first.');
  }
  em.assign(stand, standFields(input));
  await em.flush();
  return stand;
}

export async function removeStand(em: EntityManager, caller: Caller, id: string): Promise<boolean> {
  const stand = await standToManage(em, caller, id);
  if (await em.count(StandAssignment, { stand })) throw conflict('STAND_ASSIGNED', 'An organisation is assigned to this stand; move it or free the stand first.');
  em.remove(stand);
  await em.flush();
  return true;
}

/** Starts a fair's layout as a copy of an earlier fair's (the square does not change much). */
export async function copyLayout(em: EntityManager, caller: Caller, fairId: string, fromFairId: string): Promise<Stand[]> {
  const fair = await fairToManage(em, caller, fairId);
  const source = await fairToManage(em, caller, fromFairId);
  if (await em.count(Stand, { fair })) throw conflict('HAS_LAYOUT', 'This fair already has stands; remove them before copying a layout.');
  const stands = await em.find(Stand, { fair: source }, { orderBy: { code: 'asc' } });
  const copies = stands.map(({ id: _id, fair: _fair, ...rest }) => em.create(Stand, { ...rest, fair }));
  fair.planWidth = source.planWidth;
  fair.planHeight = source.planHeight;
  await em.flush();
  return copies;
}

function applicationFields(input: FairApplicationInput) {
  const { fairId: _f, organizationId: _o, ...fields } = input;
  return { ...fields, activity: input.activity.trim(), contactName: input.contactName.trim(), preferredZones: [...new Set(input.preferredZones)] };
}

function assertWindowOpen(fair: Fair, caller: Caller) {
  const now = new Date();
  const open = fair.status === FairStatus.APPLICATIONS_OPEN && now >= fair.applicationsOpenAt && now <= fair.applicationsCloseAt;
  if (!open && !can(caller.actor, 'fair.manage')) throw conflict('APPLICATIONS_CLOSED', 'Applications for this fair are not open.');
}

export async function applyForStand(em: EntityManager, caller: Caller, input: FairApplicationInput): Promise<FairApplication> {
  const actor = authorize(caller.actor, 'fair.apply', { organizationId: input.organizationId });
  const fair = await findFair(em, caller, input.fairId);
  assertWindowOpen(fair, caller);
  const organization = await organizationInMunicipality(em, caller, input.organizationId);
  if (organization.status !== OrganizationStatus.PUBLISHED) throw conflict('NOT_PUBLISHED', 'Only organisations published in the directory can apply.');
  if (await em.count(FairApplication, { fair, organization })) throw conflict('ALREADY_APPLIED', ALREADY_APPLIED, { field: 'organizationId' });
  const application = em.create(FairApplication, { ...applicationFields(input), fair, organization, submittedBy: actor.userId });
  await em.flush();
  return application;
}

async function applicationInMunicipality(em: EntityManager, caller: Caller, id: string) {
  const application = await em.findOne(FairApplication, { id, fair: { municipality: caller.municipality.id } }, { populate: ['fair'] });
  if (!application) throw notFound('Application');
  return application;
}

export async function updateApplication(em: EntityManager, caller: Caller, id: string, input: FairApplicationInput): Promise<FairApplication> {
  const application = await applicationInMunicipality(em, caller, id);
  authorize(caller.actor, 'fair.apply', { organizationId: application.organization.id });
  assertWindowOpen(application.fair, caller);
  em.assign(application, applicationFields(input));
  await em.flush();
  return application;
}

export async function reviewApplication(em: EntityManager, caller: Caller, input: ReviewInput): Promise<FairApplication> {
  authorize(caller.actor, 'fair.manage');
  const application = await applicationInMunicipality(em, caller, input.applicationId);
  const reason = input.reason?.trim() || null;
  if ((input.status === ApplicationStatus.REJECTED || input.status === ApplicationStatus.WAITLISTED) && !reason) {
    throw fieldError('reason', 'required', 'Give a reason: the organisation will see it.');
  }
  application.status = input.status;
  application.decisionReason = reason;
  if (input.status !== ApplicationStatus.ACCEPTED) await em.nativeDelete(StandAssignment, { application });
  await em.flush();
  return application;
}

const standSpec = (s: Stand): StandSpec => ({ ...s, zone: s.zone });
const applicationSpec = (a: FairApplication): ApplicationSpec => ({
  id: a.id, organizationId: a.organization.id, needsPower: a.needsPower, needsTent: a.tent === TentNeed.TENT_NEEDED,
  needsStepFree: a.needsStepFree, tables: a.tablesNeeded, preferredZones: a.preferredZones, wantedNeighbors: a.wantedNeighbors, avoidedNeighbors: a.avoidedNeighbors,
});

async function planInputs(em: EntityManager, fair: Fair) {
  const [stands, accepted] = await Promise.all([
    em.find(Stand, { fair }),
    em.find(FairApplication, { fair, status: ApplicationStatus.ACCEPTED }),
  ]);
  return { stands, accepted };
}

export type PlanReport = AllocationResult & PlanQuality;

/**
 * What allocation runs proved (most placeable, best bound), by fair content: the plan report can
 * then say how far a hand-edited plan is from the best possible without searching again. A small
 * in-process cache; a miss (another process, a restart, changed stands or applications) runs the
 * search once (within its time budget).
 */
const bestKnown = new Map<string, BestKnown>();
const BEST_KNOWN_ENTRIES = 64;
const inputKey = (stands: StandSpec[], apps: ApplicationSpec[]) => createHash('sha256').update(allocationInputKey(stands, apps)).digest('base64url');
/** Keeps the tighter of two proven bounds (both hold); returns what is now known. */
function remember(key: string, found: BestKnown): BestKnown {
  const known = bestKnown.get(key);
  const best = known ? { placeable: found.placeable, bestBound: Math.min(known.bestBound, found.bestBound) } : found;
  bestKnown.delete(key);
  bestKnown.set(key, best);
  if (bestKnown.size > BEST_KNOWN_ENTRIES) bestKnown.delete(bestKnown.keys().next().value!);
  return best;
}

/** Staff run the automatic allocation for the accepted applications; it replaces the current plan. */
export async function runAllocation(em: EntityManager, caller: Caller, fairId: string): Promise<PlanReport> {
  const fair = await fairToManage(em, caller, fairId);
  if (fair.status === FairStatus.PUBLISHED || fair.status === FairStatus.CLOSED) throw conflict('PUBLISHED', 'The plan is published; unpublish it first.');
  const { stands, accepted } = await planInputs(em, fair);
  const [standSpecs, appSpecs] = [stands.map(standSpec), accepted.map(applicationSpec)];
  const result = allocateStands(standSpecs, appSpecs);
  const best = remember(inputKey(standSpecs, appSpecs), { placeable: result.placeable, bestBound: result.bestBound });
  await em.nativeDelete(StandAssignment, { fair });
  for (const a of result.assignments) em.create(StandAssignment, { fair, stand: a.standId, application: a.applicationId });
  // Allocating again keeps the state; from anywhere else it is a move of the fair's lifecycle.
  if (fair.status !== FairStatus.ALLOCATING) fairLifecycle.assertMove(fair.status, FairStatus.ALLOCATING);
  fair.status = FairStatus.ALLOCATING;
  await em.flush();
  return { ...result, ...planQuality(result, best) };
}

/** How well the current plan (after hand edits too) meets the wishes, and how far it is from the best possible. */
export async function currentPlanReport(em: EntityManager, caller: Caller, fairId: string): Promise<PlanReport> {
  const fair = await fairToManage(em, caller, fairId);
  const { stands, accepted } = await planInputs(em, fair);
  const placement = await em.find(StandAssignment, { fair });
  const [standSpecs, appSpecs] = [stands.map(standSpec), accepted.map(applicationSpec)];
  const plan = evaluateAllocation(standSpecs, appSpecs, placement.map((p) => ({ applicationId: p.application.id, standId: p.stand.id })));
  const key = inputKey(standSpecs, appSpecs);
  let best = bestKnown.get(key);
  if (!best) {
    const found = allocateStands(standSpecs, appSpecs);
    best = remember(key, { placeable: found.placeable, bestBound: found.bestBound });
  }
  return { ...plan, ...planQuality(plan, best) };
}


/** Staff move an accepted application to a free stand; the hard rules still apply. */
export async function assignStand(em: EntityManager, caller: Caller, applicationId: string, standId: string): Promise<boolean> {
  authorize(caller.actor, 'fair.manage');
  const application = await applicationInMunicipality(em, caller, applicationId);
  const stand = await em.findOne(Stand, { id: standId, fair: application.fair });
  if (!stand) throw notFound('Stand');
  if (application.status !== ApplicationStatus.ACCEPTED) throw conflict('NOT_ACCEPTED', 'Only accepted applications get a stand.');
  if (!fits(standSpec(stand), applicationSpec(application))) {
    throw conflict('UNSUITABLE', 'This stand does not meet the application’s needs (power, tent, access, tables) or is reserved.');
  }
  const occupant = await em.findOne(StandAssignment, { stand });
  if (occupant && occupant.application.id !== application.id) throw conflict('TAKEN', 'The stand is taken; swap instead.');
  await em.nativeDelete(StandAssignment, { application });
  em.create(StandAssignment, { fair: application.fair, stand, application });
  await em.flush();
  return true;
}

/** Staff swap the stands of two placed applications. */
export async function swapStands(em: EntityManager, caller: Caller, firstId: string, secondId: string): Promise<boolean> {
  authorize(caller.actor, 'fair.manage');
  const [first, second] = await Promise.all([applicationInMunicipality(em, caller, firstId), applicationInMunicipality(em, caller, secondId)]);
  const [a, b] = await Promise.all([em.findOne(StandAssignment, { application: first }, { populate: ['stand'] }), em.findOne(StandAssignment, { application: second }, { populate: ['stand'] })]);
  if (!a || !b) throw conflict('NOT_PLACED', 'Both applications must have a stand to swap.');
  if (!fits(standSpec(b.stand), applicationSpec(first)) || !fits(standSpec(a.stand), applicationSpec(second))) {
    throw conflict('UNSUITABLE', 'After the swap a stand would not meet its organisation’s needs.');
  }
  const [standA, standB] = [a.stand, b.stand];
  em.remove([a, b]);
  await em.flush();
  em.create(StandAssignment, { fair: first.fair, stand: standB, application: first });
  em.create(StandAssignment, { fair: first.fair, stand: standA, application: second });
  await em.flush();
  return true;
}

export async function unassign(em: EntityManager, caller: Caller, applicationId: string): Promise<boolean> {
  authorize(caller.actor, 'fair.manage');
  const application = await applicationInMunicipality(em, caller, applicationId);
  return (await em.nativeDelete(StandAssignment, { application })) > 0;
}

/** Who stands where: public once published, always for staff; organisations always see their own. */
export async function placements(em: EntityManager, caller: Caller, fair: Fair): Promise<StandAssignment[]> {
  // In stand order, as the plan lists them.
  const all = await em.find(StandAssignment, { fair }, { populate: ['application', 'stand'], orderBy: { stand: { code: 'asc' } } });
  if (fair.status === FairStatus.PUBLISHED || fair.status === FairStatus.CLOSED || can(caller.actor, 'fair.manage')) return all;
  return all.filter((p) => caller.actor?.memberships.has(p.application.organization.id));
}

export async function listApplications(em: EntityManager, caller: Caller, fairId: string): Promise<FairApplication[]> {
  const fair = await findFair(em, caller, fairId);
  if (can(caller.actor, 'fair.manage')) return em.find(FairApplication, { fair }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  const mine = [...(caller.actor?.memberships.keys() ?? [])];
  return em.find(FairApplication, { fair, organization: { $in: mine } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
}

export async function exhibitorsCsv(em: EntityManager, caller: Caller, fairId: string): Promise<string> {
  const fair = await fairToManage(em, caller, fairId);
  const rows = await em.find(StandAssignment, { fair }, { populate: ['stand', 'application.organization'], orderBy: { stand: { code: 'asc' } } });
  return toCsv(
    ['stand', 'zone', 'organisation', 'activity', 'power', 'tables', 'tent', 'step_free', 'contact', 'phone'],
    rows.map((r) => [
      r.stand.code, r.stand.zone, r.application.organization.name, r.application.activity, r.application.needsPower ? 'yes' : 'no',
      r.application.tablesNeeded, r.application.tent, r.application.needsStepFree ? 'yes' : 'no', r.application.contactName, r.application.contactPhone,
    ]),
  );
}

/** Personal data: applications the person submitted stay (the organisation's), without them or their contact details. */
export async function anonymiseApplicationsSubmittedBy(em: EntityManager, userId: string): Promise<void> {
  await em.nativeUpdate(FairApplication, { submittedBy: userId }, { submittedBy: null, contactName: '', contactPhone: '' });
}

/** Personal data: applications to fairs that closed before `cutoff` lose the submitter and the contact person. */
export function forgetFairsBefore(em: EntityManager, municipalityId: string, cutoff: Date): Promise<number> {
  return countChanged(
    em,
    `update fair_application set submitted_by_id = null, contact_name = '', contact_phone = ''
     where (submitted_by_id is not null or contact_name <> '' or contact_phone <> '') and fair_id in (select id from fair where municipality_id = ? and closes_at < ?)`,
    [municipalityId, cutoff],
  );
}
