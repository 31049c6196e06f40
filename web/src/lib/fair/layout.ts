/** The layout editor's arithmetic: free spots, overlaps and the stand being edited. */

export const ZONES = ['CHILDREN', 'SPORT', 'HEALTH', 'CULTURE', 'ECOLOGY', 'SOCIAL'] as const;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What StandInput holds, as the editor's form shows it. */
export interface StandDraft extends Box {
  code: string;
  zone: string;
  hasPower: boolean;
  tentProvided: boolean;
  tables: number;
  stepFree: boolean;
  reserved: boolean;
  reservedFor: string;
}

/** Same rule as the API: touching edges are fine. */
export const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Half-metre steps, as stands are measured out on the square. */
export const snap = (metres: number) => Math.round(metres * 2) / 2;

/** The first place (scanning from the top left, metre by metre) where a 3 × 3 m stand fits. */
export function freeSpot(stands: Box[], planWidth: number, planHeight: number): Box {
  const size = { width: 3, height: 3 };
  for (let y = 0; y + size.height <= planHeight; y++) {
    for (let x = 0; x + size.width <= planWidth; x++) {
      if (!stands.some((s) => overlaps({ x, y, ...size }, s))) return { x, y, ...size };
    }
  }
  return { x: 0, y: 0, ...size };
}

/** A new row letter after the ones in use (A1…D12 → E1), or the next free number in row Z. */
export function nextCode(stands: { code: string }[]): string {
  const codes = new Set(stands.map((s) => s.code));
  const last = Math.max(64, ...stands.map((s) => s.code.charCodeAt(0)).filter((c) => c >= 65 && c <= 90));
  const letter = String.fromCharCode(Math.min(90, last + 1));
  let n = 1;
  while (codes.has(`${letter}${n}`)) n++;
  return `${letter}${n}`;
}

type Values = Partial<Record<keyof StandDraft, unknown>> & Box & { code: string };

/** A saved stand, a new one or the form's refused values (without JavaScript), as the editor's draft. */
export function draftFrom(values: Values | Record<string, string>): StandDraft {
  const v = values as Record<string, unknown>;
  // Checkboxes post 'on' or nothing; saved stands have booleans.
  const flag = (name: string, otherwise: boolean) => (typeof v[name] === 'boolean' ? (v[name] as boolean) : v[name] === undefined ? otherwise : v[name] === 'on');
  const posted = typeof v.x === 'string';
  return {
    code: String(v.code ?? ''), zone: String(v.zone ?? 'CULTURE'),
    x: Number(v.x), y: Number(v.y), width: Number(v.width), height: Number(v.height), tables: Number(v.tables ?? 1),
    hasPower: flag('hasPower', false), tentProvided: flag('tentProvided', false), stepFree: flag('stepFree', !posted), reserved: flag('reserved', false),
    reservedFor: String(v.reservedFor ?? ''),
  };
}
