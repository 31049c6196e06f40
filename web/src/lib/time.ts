/**
 * Form fields give Warsaw wall-clock times ("2026-10-25", "10:00"); the API wants instants. One
 * implementation for server and browser (the server's, with its stated rule for the skipped and the
 * repeated hour), so both always agree.
 */
import { warsawTimeToInstant } from '../../../server/src/core/time.ts';

export const warsawToIso = (date: string, time: string): string => warsawTimeToInstant(date, time).toISOString();
