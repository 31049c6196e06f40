import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize } from '../../core/auth/policy.js';
import type { Caller } from '../../core/context.js';
import { type FieldProblem, inputError } from '../../core/errors.js';
import { Municipality } from '../municipalities/index.js';
import { AccessibilityStatement, PrivacyNotice } from './public-notices.entity.js';
import type { AccessibilityStatementInput, PrivacyNoticeInput } from './public-notices.inputs.js';

/** The municipality's privacy notice, or null while staff have not written one. Public. */
export function privacyNotice(em: EntityManager, caller: Caller): Promise<PrivacyNotice | null> {
  return em.findOne(PrivacyNotice, { municipality: caller.municipality.id });
}

/** The municipality's accessibility statement, or null while staff have not written one. Public. */
export function accessibilityStatement(em: EntityManager, caller: Caller): Promise<AccessibilityStatement | null> {
  return em.findOne(AccessibilityStatement, { municipality: caller.municipality.id });
}

const trimmed = <T extends object>(input: T): T =>
  Object.fromEntries(Object.entries(input).map(([key, value]) => [key, typeof value === 'string' ? value.trim() : value])) as T;

/** Staff write the whole privacy notice (created on the first save). */
export async function savePrivacyNotice(em: EntityManager, caller: Caller, input: PrivacyNoticeInput): Promise<PrivacyNotice> {
  authorize(caller.actor, 'publicNotices.edit');
  const fields = trimmed({ ...input });
  const notice = await privacyNotice(em, caller);
  if (notice) em.assign(notice, fields);
  const saved = notice ?? em.create(PrivacyNotice, { ...fields, municipality: em.getReference(Municipality, caller.municipality.id) });
  await em.flush();
  return saved;
}

/** Dates that must follow each other: the last update not before publication, the review not before preparation. */
function checkStatementDates(input: AccessibilityStatementInput) {
  const problems: FieldProblem[] = [];
  if (input.lastUpdatedOn < input.publishedOn) {
    problems.push({ field: 'lastUpdatedOn', code: 'beforePublished', message: 'The last update cannot come before the site was published.' });
  }
  if (input.reviewedOn < input.preparedOn) {
    problems.push({ field: 'reviewedOn', code: 'beforePrepared', message: 'The review cannot come before the statement was prepared.' });
  }
  if (problems.length) throw inputError(problems);
}

/** Staff write the whole accessibility statement (created on the first save). */
export async function saveAccessibilityStatement(em: EntityManager, caller: Caller, input: AccessibilityStatementInput): Promise<AccessibilityStatement> {
  authorize(caller.actor, 'publicNotices.edit');
  checkStatementDates(input);
  const fields = trimmed({ ...input });
  const statement = await accessibilityStatement(em, caller);
  if (statement) em.assign(statement, fields);
  const saved = statement ?? em.create(AccessibilityStatement, { ...fields, municipality: em.getReference(Municipality, caller.municipality.id) });
  await em.flush();
  return saved;
}
