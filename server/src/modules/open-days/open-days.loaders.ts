import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Activity } from './activity.entity.js';
import { Booking } from './booking.entity.js';
import { BookingStatus } from './open-days.enums.js';
import { Slot } from './slot.entity.js';

const byIds = <T extends { id: string }>(rows: T[], ids: readonly string[]) => {
  const map = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => map.get(id) ?? null);
};

export const activitiesById = (em: EntityManager) =>
  new DataLoader<string, Activity | null>(async (ids) => byIds(await em.find(Activity, { id: { $in: [...ids] } }), ids));

export const slotsById = (em: EntityManager) =>
  new DataLoader<string, Slot | null>(async (ids) => byIds(await em.find(Slot, { id: { $in: [...ids] } }), ids));

export const slotsByActivity = (em: EntityManager) =>
  new DataLoader<string, Slot[]>(async (activityIds) => {
    const rows = await em.find(Slot, { activity: { $in: [...activityIds] } }, { orderBy: { startsAt: 'asc' } });
    const grouped = Map.groupBy(rows, (s) => s.activity.id);
    return activityIds.map((id) => grouped.get(id) ?? []);
  });

/** Number of waiting-list entries per slot. */
export const waitlistCountBySlot = (em: EntityManager) =>
  new DataLoader<string, number>(async (slotIds) => {
    const waiting = await em.find(Booking, { slot: { $in: [...slotIds] }, status: BookingStatus.WAITLISTED }, { fields: ['slot'] });
    const counts = Map.groupBy(waiting, (b) => b.slot.id);
    return slotIds.map((id) => counts.get(id)?.length ?? 0);
  });

/** The viewer's active booking on each slot; keys are `${userId}:${slotId}`. */
export const activeBookingByViewerAndSlot = (em: EntityManager) =>
  new DataLoader<string, Booking | null>(async (keys) => {
    const userId = keys[0]!.split(':')[0]!;
    const slotIds = keys.map((k) => k.split(':')[1]!);
    const rows = await em.find(Booking, { user: userId, slot: { $in: slotIds }, status: { $in: [BookingStatus.CONFIRMED, BookingStatus.WAITLISTED] } });
    const bySlot = new Map(rows.map((b) => [b.slot.id, b]));
    return slotIds.map((id) => bySlot.get(id) ?? null);
  });
