import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize, can } from '../../core/auth/policy.js';
import type { Caller } from '../../core/context.js';
import { findVisible, visibleWhere } from '../../core/db/drafts.js';
import { type FieldProblem, inputError } from '../../core/errors.js';
import { Municipality } from '../municipalities/index.js';
import { OpenDaysEdition } from './edition.entity.js';
import { EditionStatus, editionLifecycle } from './open-days.enums.js';
import type { EditionInput } from './open-days.inputs.js';

function checkEditionDates(input: EditionInput) {
  const problems: FieldProblem[] = [];
  if (input.endsOn < input.startsOn) problems.push({ field: 'endsOn', code: 'beforeStart', message: 'The last day cannot be before the first.' });
  if (input.submissionsCloseAt <= input.submissionsOpenAt) {
    problems.push({ field: 'submissionsCloseAt', code: 'beforeStart', message: 'Submissions must close after they open.' });
  }
  if (problems.length) throw inputError(problems);
}

export async function createEdition(em: EntityManager, caller: Caller, input: EditionInput): Promise<OpenDaysEdition> {
  authorize(caller.actor, 'openDays.manageEditions');
  checkEditionDates(input);
  const edition = em.create(OpenDaysEdition, { ...input, name: input.name.trim(), municipality: em.getReference(Municipality, caller.municipality.id) });
  await em.flush();
  return edition;
}

/** An edition of the caller's municipality; drafts only for staff. */
export async function findEdition(em: EntityManager, caller: Caller, id: string): Promise<OpenDaysEdition> {
  return findVisible(em, OpenDaysEdition, caller, id, 'Open Days edition', can(caller.actor, 'openDays.seeDraftEditions'));
}

export async function updateEdition(em: EntityManager, caller: Caller, id: string, input: EditionInput): Promise<OpenDaysEdition> {
  authorize(caller.actor, 'openDays.manageEditions');
  checkEditionDates(input);
  const edition = await findEdition(em, caller, id);
  em.assign(edition, { ...input, name: input.name.trim() });
  await em.flush();
  return edition;
}

export async function setEditionStatus(em: EntityManager, caller: Caller, id: string, status: EditionStatus): Promise<OpenDaysEdition> {
  authorize(caller.actor, 'openDays.manageEditions');
  const edition = await findEdition(em, caller, id);
  await editionLifecycle.move(em, edition, status);
  await em.flush();
  return edition;
}

export function listEditions(em: EntityManager, caller: Caller): Promise<OpenDaysEdition[]> {
  return em.find(OpenDaysEdition, visibleWhere(caller, can(caller.actor, 'openDays.seeDraftEditions')) as never, { orderBy: { startsOn: 'desc' } });
}
