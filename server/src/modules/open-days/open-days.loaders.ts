import DataLoader from 'dataloader';
import { byIdLoader } from '../../core/db/by-id-loader.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Activity } from './activity.entity.js';
import { Booking } from './booking.entity.js';
import { BookingStatus } from './open-days.enums.js';
import { Slot } from './slot.entity.js';

export const activitiesById = byIdLoader(Activity);
export const slotsById = byIdLoader(Slot);

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
