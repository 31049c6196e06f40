/** A stand as the plan draws it, with the name of the organisation on it (when visible). */
export interface MapStand {
  id: string;
  code: string;
  zone: string;
  x: number;
  y: number;
  width: number;
  height: number;
  reserved: boolean;
  occupant?: string | null;
}

/** Colour-blind-safe palette (Okabe–Ito), one per zone, and grey for stands kept for the city. */
export const colours: Record<string, string> = {
  CHILDREN: '#E69F00', SPORT: '#56B4E9', HEALTH: '#009E73', CULTURE: '#CC79A7', ECOLOGY: '#7FBF3F', SOCIAL: '#F0E442', RESERVED: '#bdbdbd',
};
