/**
 * Form fields give Warsaw wall-clock times ("2026-10-25", "10:00"); the API wants instants. The
 * offset is whichever of the two in force around that day reads back as the same wall-clock time.
 */
const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Warsaw', hourCycle: 'h23', day: '2-digit', hour: '2-digit', minute: '2-digit' });

const wallClock = (ms: number) => {
  const p = Object.fromEntries(parts.formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]));
  return { day: p.day, hour: p.hour, minute: p.minute };
};

export function warsawToIso(date: string, time: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(y, m - 1, d, hh, mm);
  const candidates = [1, 2].map((hours) => asUtc - hours * 3_600_000);
  const match = candidates.find((ms) => {
    const w = wallClock(ms);
    return w.day === d && w.hour === hh && w.minute === mm;
  });
  return new Date(match ?? candidates[0]!).toISOString();
}
