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
