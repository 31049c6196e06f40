/**
 * Maximum-weight perfect assignment on a square matrix (Hungarian method, shortest augmenting
 * paths), re-optimised incrementally after weights change.
 *
 * `weight[i * size + j]` may be −Infinity (forbidden). Callers that need "not assigned" put a 0
 * where an edge does not exist and give every real edge a positive weight.
 *
 * Between solves the dual potentials and the matching are kept. `solve()` first restores dual
 * feasibility (rowPot[i] + colPot[j] ≥ weight[i][j] for all cells, by raising row potentials),
 * drops matched cells that are no longer tight, and re-augments only those rows; the result is
 * optimal (complementary slackness) whatever the changes were. The potentials are an optimal dual
 * solution: Σ rowPot + Σ colPot = value, and `slack(i, j)` = rowPot + colPot − weight ≥ 0 says how
 * much a cell's weight may grow before the optimum could change.
 */
export class Assignment {
  readonly weight: Float64Array;
  /** Column of each row, −1 before the first solve. */
  readonly colOfRow: Int32Array;
  // Min-cost form on cost = −weight, 1-based with a virtual column 0 (as in the textbook version).
  private readonly u: Float64Array;
  private readonly v: Float64Array;
  private readonly rowOfCol: Int32Array;
  private readonly way: Int32Array;
  private readonly minv: Float64Array;
  private readonly used: Uint8Array;

  constructor(readonly size: number) {
    this.weight = new Float64Array(size * size);
    this.colOfRow = new Int32Array(size).fill(-1);
    this.u = new Float64Array(size + 1);
    this.v = new Float64Array(size + 1);
    this.rowOfCol = new Int32Array(size + 1);
    this.way = new Int32Array(size + 1);
    this.minv = new Float64Array(size + 1);
    this.used = new Uint8Array(size + 1);
  }

  rowPot(i: number) {
    return -this.u[i + 1]!;
  }

  colPot(j: number) {
    return -this.v[j + 1]!;
  }

  slack(i: number, j: number) {
    return -this.u[i + 1]! - this.v[j + 1]! - this.weight[i * this.size + j]!;
  }

  /** Re-optimises for the current weights; returns the optimal total weight. */
  solve(): number {
    const { size: n, weight, u, v, rowOfCol } = this;
    const TIGHT = 1e-9;
    // Dual feasibility: u[i] + v[j] ≤ cost[i][j] for every cell.
    for (let i = 1; i <= n; i++) {
      const base = (i - 1) * n - 1;
      let least = Infinity;
      for (let j = 1; j <= n; j++) {
        const c = -weight[base + j]! - v[j]!;
        if (c < least) least = c;
      }
      if (least === Infinity) throw new Error('Assignment: a row has no allowed cell');
      if (u[i]! > least) u[i] = least;
    }
    // Keep only matched cells that are still tight.
    const unmatched: number[] = [];
    const matched = new Uint8Array(n + 1);
    for (let j = 1; j <= n; j++) {
      const i = rowOfCol[j]!;
      if (!i) continue;
      if (-weight[(i - 1) * n + j - 1]! - u[i]! - v[j]! > TIGHT) rowOfCol[j] = 0;
      else matched[i] = 1;
    }
    for (let i = 1; i <= n; i++) if (!matched[i]) unmatched.push(i);
    for (const i of unmatched) this.augment(i);
    let value = 0;
    for (let j = 1; j <= n; j++) {
      const i = rowOfCol[j]!;
      this.colOfRow[i - 1] = j - 1;
      value += weight[(i - 1) * n + j - 1]!;
    }
    return value;
  }

  /** One Hungarian phase: a shortest augmenting path from row i, adjusting potentials. */
  private augment(i: number) {
    const { size: n, weight, u, v, rowOfCol, way, minv, used } = this;
    rowOfCol[0] = i;
    let j0 = 0;
    minv.fill(Infinity);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = rowOfCol[j0]!;
      const base = (i0 - 1) * n - 1;
      const ui0 = u[i0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = -weight[base + j]! - ui0 - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      if (delta === Infinity) throw new Error('Assignment: no perfect matching');
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[rowOfCol[j]!]! += delta;
          v[j]! -= delta;
        } else {
          minv[j]! -= delta;
        }
      }
      j0 = j1;
    } while (rowOfCol[j0] !== 0);
    do {
      const j1 = way[j0]!;
      rowOfCol[j0] = rowOfCol[j1]!;
      j0 = j1;
    } while (j0);
  }
}

/** One-off maximum-weight assignment of a rows × cols matrix (rows ≤ cols): the column of each row. */
export function maxWeightAssignment(rows: number, cols: number, weight: Float64Array): { colOfRow: Int32Array; value: number } {
  if (rows > cols) throw new Error('maxWeightAssignment needs rows ≤ cols');
  const solver = new Assignment(cols);
  solver.weight.set(weight); // rows beyond `rows` are dummies of weight 0
  const value = solver.solve();
  return { colOfRow: solver.colOfRow.slice(0, rows), value };
}
