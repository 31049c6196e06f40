import { randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: a code read aloud at the door or typed from a phone screen cannot be misread. */
export const BOOKING_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const BOOKING_CODE_LENGTH = 6;

export function generateBookingCode(random: (max: number) => number = randomInt): string {
  return Array.from({ length: BOOKING_CODE_LENGTH }, () => BOOKING_CODE_ALPHABET[random(BOOKING_CODE_ALPHABET.length)]).join('');
}

/** What people type: any case, with spaces or dashes. */
export function normaliseBookingCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}
