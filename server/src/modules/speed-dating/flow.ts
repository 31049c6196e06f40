/**
 * Flow algorithms behind the speed-dating plans: pure functions on small integer graphs.
 *
 * - `maxFlow`: Dinic's algorithm, used for upper bounds.
 * - `fairestMaximumBMatching`: in a bipartite graph, a set of edges with each person's degree at
 *   most their cap, with the most edges, and among those the fairest: each person's count
 *   f = base − degree (their sit-outs over the whole session) is "decreasingly minimal" on each side,
 *   found as the minimum sum of squares of f (min-cost flow with convex costs).
 */

/** A flow network with integer capacities; nodes are 0..n-1. */
export class FlowNetwork {
  protected readonly head: Int32Array;
  protected next: number[] = [];
  protected to: number[] = [];
  cap: number[] = [];

  constructor(readonly n: number) {
    this.head = new Int32Array(n).fill(-1);
  }

  /** Adds an arc u → v; returns its index (the reverse arc is index ^ 1). */
  addArc(u: number, v: number, capacity: number): number {
    const id = this.to.length;
    this.to.push(v, u);
    this.cap.push(capacity, 0);
    this.next.push(this.head[u]!, this.head[v]!);
    this.head[u] = id;
    this.head[v] = id + 1;
    return id;
  }

  /** The flow on arc `id` (as returned by addArc). */
  flowOn(id: number): number {
    return this.cap[id ^ 1]!;
  }

  /** Dinic's algorithm; returns the value of a maximum s-t flow (added to any flow already there). */
  maxFlow(s: number, t: number): number {
    return this.blockingFlows(s, t, () => true);
  }

  /**
   * Dinic's phases over the residual arcs that `usable` accepts: level graph by BFS, then blocking
   * flows by DFS, until t is out of reach. Returns the flow added.
   */
  protected blockingFlows(s: number, t: number, usable: (arc: number, from: number) => boolean): number {
    const { n, head, next, to, cap } = this;
    const level = new Int32Array(n);
    const current = new Int32Array(n);
    const queue = new Int32Array(n);
    let total = 0;
    const bfs = () => {
      level.fill(-1);
      level[s] = 0;
      let qh = 0;
      let qt = 0;
      queue[qt++] = s;
      while (qh < qt) {
        const u = queue[qh++]!;
        for (let e = head[u]!; e !== -1; e = next[e]!) {
          const v = to[e]!;
          if (cap[e]! > 0 && level[v] === -1 && usable(e, u)) {
            level[v] = level[u]! + 1;
            queue[qt++] = v;
          }
        }
      }
      return level[t] !== -1;
    };
    const dfs = (u: number, pushed: number): number => {
      if (u === t) return pushed;
      for (; current[u] !== -1; current[u] = next[current[u]!]!) {
        const e = current[u]!;
        const v = to[e]!;
        if (cap[e]! > 0 && level[v] === level[u]! + 1 && usable(e, u)) {
          const got = dfs(v, Math.min(pushed, cap[e]!));
          if (got > 0) {
            cap[e] = cap[e]! - got;
            cap[e ^ 1] = cap[e ^ 1]! + got;
            return got;
          }
        }
      }
      return 0;
    };
    while (bfs()) {
      current.set(head);
      for (let f = dfs(s, Infinity); f > 0; f = dfs(s, Infinity)) total += f;
    }
    return total;
  }
}

export interface BipartiteInput {
  /** adjacency[l] = the right-hand nodes left node l may be paired with. */
  adjacency: readonly (readonly number[])[];
  rightCount: number;
  /** Most edges per node (the rounds available). */
  capLeft: readonly number[];
  capRight: readonly number[];
  /** Each node's count with degree 0 (sit-outs so far + rounds to plan); the count falls by one per edge. */
  baseLeft: readonly number[];
  baseRight: readonly number[];
}

/**
 * The most edges with every degree within its cap; among those, the one minimising the sum over
 * each side of (base − degree)². On a bipartite graph the degree vectors of one side form an
 * M-convex set and (Mendelsohn–Dulmage) the two sides can be chosen independently, so this is the
 * decreasingly-minimal (lexicographically fairest) distribution on each side.
 *
 * Min-cost flow, primal–dual: Dijkstra with potentials, then blocking flows (Dinic) along arcs of
 * zero reduced cost, then Dijkstra again. A node of base c has unit arcs from the source (or to the
 * sink) whose k-th costs (c−k)² − (c−k+1)², increasing in k: a convex cost of its degree.
 */
export function fairestMaximumBMatching(input: BipartiteInput): [number, number][] {
  const { adjacency, rightCount: R, capLeft, capRight, baseLeft, baseRight } = input;
  const L = adjacency.length;
  const N = L + R + 2;
  const S = N - 2;
  const T = N - 1;
  const net = new CostNetwork(N);
  // The k-th edge (k = 1, 2, …) at a node of base c: (c−k)² − (c−k+1)² = 1 − 2(c − k + 1).
  const marginal = (base: number, k: number) => 1 - 2 * (base - k + 1);
  for (let l = 0; l < L; l++) for (let k = 1; k <= Math.min(capLeft[l]!, adjacency[l]!.length); k++) net.addCostArc(S, l, 1, marginal(baseLeft[l]!, k));
  const degreeRight = new Int32Array(R);
  adjacency.forEach((rights) => { for (const r of rights) degreeRight[r]!++; });
  for (let r = 0; r < R; r++) for (let k = 1; k <= Math.min(capRight[r]!, degreeRight[r]!); k++) net.addCostArc(L + r, T, 1, marginal(baseRight[r]!, k));
  const edgeArcs: [number, number, number][] = [];
  adjacency.forEach((rights, l) => { for (const r of rights) edgeArcs.push([net.addCostArc(l, L + r, 1, 0), l, r]); });
  net.minCostMaxFlow(S, T);
  return edgeArcs.filter(([arc]) => net.flowOn(arc) > 0).map(([, l, r]) => [l, r]);
}

/** A network with integer capacities and costs, for min-cost maximum flow. */
class CostNetwork extends FlowNetwork {
  private cost: number[] = [];

  addCostArc(u: number, v: number, capacity: number, cost: number): number {
    this.cost.push(cost, -cost);
    return this.addArc(u, v, capacity);
  }

  /** Maximum flow of least cost. The network must have no cycle of negative cost to begin with. */
  minCostMaxFlow(s: number, t: number) {
    const { n, head, next, to, cap, cost } = this;
    const potential = new Float64Array(n);
    const dist = new Float64Array(n);
    const done = new Uint8Array(n);
    // Initial potentials: Bellman–Ford (the initial residual graph is small and has no negative cycle).
    potential.fill(Infinity);
    potential[s] = 0;
    for (let round = 0, changed = true; changed && round < n; round++) {
      changed = false;
      for (let u = 0; u < n; u++) {
        if (potential[u] === Infinity) continue;
        for (let e = head[u]!; e !== -1; e = next[e]!) {
          if (cap[e]! > 0 && potential[u]! + cost[e]! < potential[to[e]!]!) {
            potential[to[e]!] = potential[u]! + cost[e]!;
            changed = true;
          }
        }
      }
    }
    for (let v = 0; v < n; v++) if (potential[v] === Infinity) potential[v] = 0;
    const heap = new MinHeap();
    const reduced = (e: number, u: number) => cost[e]! + potential[u]! - potential[to[e]!]!;
    const dijkstra = () => {
      dist.fill(Infinity);
      done.fill(0);
      dist[s] = 0;
      heap.clear();
      heap.push(0, s);
      while (heap.size) {
        const d = heap.topKey();
        const u = heap.pop();
        if (done[u] || d > dist[u]!) continue;
        done[u] = 1;
        if (u === t) break;
        for (let e = head[u]!; e !== -1; e = next[e]!) {
          if (cap[e]! <= 0) continue;
          const v = to[e]!;
          const nd = d + reduced(e, u);
          if (nd < dist[v]!) {
            dist[v] = nd;
            heap.push(nd, v);
          }
        }
      }
      if (dist[t] === Infinity) return false;
      const dt = dist[t]!;
      for (let v = 0; v < n; v++) potential[v] = potential[v]! + Math.min(dist[v]!, dt);
      return true;
    };
    // After each Dijkstra, push blocking flows along the arcs of zero reduced cost (the shortest paths).
    while (dijkstra()) this.blockingFlows(s, t, (e, u) => reduced(e, u) === 0);
  }
}

/** A binary min-heap of (key, value) pairs. */
class MinHeap {
  private keys: number[] = [];
  private values: number[] = [];
  get size() {
    return this.keys.length;
  }
  clear() {
    this.keys.length = 0;
    this.values.length = 0;
  }
  push(key: number, value: number) {
    const { keys, values } = this;
    let i = keys.length;
    keys.push(key);
    values.push(value);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent]! <= key) break;
      keys[i] = keys[parent]!;
      values[i] = values[parent]!;
      i = parent;
    }
    keys[i] = key;
    values[i] = value;
  }
  topKey() {
    return this.keys[0]!;
  }
  /** Removes the smallest pair and returns its value. */
  pop(): number {
    const { keys, values } = this;
    const top = values[0]!;
    const lastKey = keys.pop()!;
    const lastValue = values.pop()!;
    const n = keys.length;
    if (n) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && keys[child + 1]! < keys[child]!) child++;
        if (keys[child]! >= lastKey) break;
        keys[i] = keys[child]!;
        values[i] = values[child]!;
        i = child;
      }
      keys[i] = lastKey;
      values[i] = lastValue;
    }
    return top;
  }
}

/**
 * Bipartite edge colouring (König): edges of a bipartite graph whose degrees are at most `colours`
 * get colours 0..colours-1, no two edges at a node alike. Alternating-path (Kempe chain) method.
 * Nodes: left 0..leftCount-1, right leftCount.. (callers pass right indices already offset).
 */
export function colourBipartite(nodeCount: number, edges: readonly [number, number][], colours: number): number[] {
  const at = new Int32Array(nodeCount * colours).fill(-1); // at[node * colours + c] = edge
  const colour = new Int32Array(edges.length).fill(-1);
  const free = (v: number) => {
    for (let c = 0; c < colours; c++) if (at[v * colours + c] === -1) return c;
    throw new Error('Degree above the number of colours.');
  };
  const set = (e: number, c: number) => {
    const [u, v] = edges[e]!;
    colour[e] = c;
    at[u * colours + c] = e;
    at[v * colours + c] = e;
  };
  edges.forEach(([u, v], e) => {
    const a = free(u);
    if (at[v * colours + a] === -1) return set(e, a);
    const b = free(v);
    // The path from v alternating a, b, a, … never reaches u (bipartite); swap its colours.
    const path: number[] = [];
    let node = v;
    let c = a;
    for (let f = at[node * colours + c]!; f !== -1; f = at[node * colours + c]!) {
      path.push(f);
      const [x, y] = edges[f]!;
      node = x === node ? y : x;
      c = c === a ? b : a;
    }
    for (const f of path) {
      const [x, y] = edges[f]!;
      at[x * colours + colour[f]!] = -1;
      at[y * colours + colour[f]!] = -1;
    }
    for (const f of path) set(f, colour[f] === a ? b : a);
    set(e, a);
  });
  return Array.from(colour);
}
