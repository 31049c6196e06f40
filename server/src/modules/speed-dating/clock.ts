/**
 * The session clock, computed from what is stored (status, round, phase and when it started), so
 * every phone shows the same countdown and a server restart loses nothing: time simply moves on.
 */
export type LiveStatus = 'NOT_STARTED' | 'RUNNING' | 'PAUSED' | 'FINISHED';
export type Phase = 'TALK' | 'CHANGEOVER';

export interface StoredClock {
  status: LiveStatus;
  round: number;
  phase: Phase;
  phaseStartedAt: Date | null;
  /** While paused: what was left of the phase. */
  pausedRemainingMs: number | null;
}

export interface Timing {
  talkMs: number;
  changeoverMs: number;
  rounds: number;
}

export interface ClockNow extends StoredClock {
  phaseEndsAt: Date | null;
  remainingMs: number | null;
}

const length = (phase: Phase, timing: Timing) => (phase === 'TALK' ? timing.talkMs : timing.changeoverMs);

/** Where a running clock is at `now`: talk, then change-over, then the next round's talk… */
export function clockAt(stored: StoredClock, timing: Timing, now: Date): ClockNow {
  if (stored.status === 'PAUSED') return { ...stored, phaseEndsAt: null, remainingMs: stored.pausedRemainingMs };
  if (stored.status !== 'RUNNING' || !stored.phaseStartedAt) return { ...stored, phaseEndsAt: null, remainingMs: null };
  let { round, phase } = stored;
  let start = stored.phaseStartedAt.getTime();
  for (;;) {
    const end = start + length(phase, timing);
    if (now.getTime() < end) {
      return { status: 'RUNNING', round, phase, phaseStartedAt: new Date(start), pausedRemainingMs: null, phaseEndsAt: new Date(end), remainingMs: end - now.getTime() };
    }
    if (phase === 'TALK' && round >= timing.rounds) {
      return { status: 'FINISHED', round, phase, phaseStartedAt: new Date(end), pausedRemainingMs: null, phaseEndsAt: null, remainingMs: null };
    }
    start = end;
    if (phase === 'TALK') phase = 'CHANGEOVER';
    else {
      phase = 'TALK';
      round += 1;
    }
  }
}

export function start(now: Date): StoredClock {
  return { status: 'RUNNING', round: 1, phase: 'TALK', phaseStartedAt: now, pausedRemainingMs: null };
}

export function pause(stored: StoredClock, timing: Timing, now: Date): StoredClock {
  const at = clockAt(stored, timing, now);
  if (at.status !== 'RUNNING') return at;
  return { status: 'PAUSED', round: at.round, phase: at.phase, phaseStartedAt: at.phaseStartedAt, pausedRemainingMs: at.remainingMs };
}

export function resume(stored: StoredClock, timing: Timing, now: Date): StoredClock {
  if (stored.status !== 'PAUSED') return stored;
  const elapsed = length(stored.phase, timing) - (stored.pausedRemainingMs ?? 0);
  return { status: 'RUNNING', round: stored.round, phase: stored.phase, phaseStartedAt: new Date(now.getTime() - elapsed), pausedRemainingMs: null };
}

/** Straight to the next round's talk (or the end after the last round), keeping a pause paused. */
export function skip(stored: StoredClock, timing: Timing, now: Date): StoredClock {
  const at = clockAt(stored, timing, now);
  if (at.status === 'FINISHED' || at.status === 'NOT_STARTED') return at;
  if (at.round >= timing.rounds) return { ...at, status: 'FINISHED', pausedRemainingMs: null };
  const next: StoredClock = { status: 'RUNNING', round: at.round + 1, phase: 'TALK', phaseStartedAt: now, pausedRemainingMs: null };
  return at.status === 'PAUSED' ? { ...next, status: 'PAUSED', pausedRemainingMs: timing.talkMs } : next;
}

export function finish(stored: StoredClock): StoredClock {
  return { ...stored, status: 'FINISHED', pausedRemainingMs: null };
}
