/**
 * Maximum matchings in general graphs (Edmonds' blossom algorithm), with a preference for whom to
 * leave unmatched: among maximum matchings, the set of matched people is a basis of the matching
 * matroid, so single exchanges (an even alternating path from an unmatched person to a matched one)
 * reach the basis of greatest weight.
 */
export class BlossomMatcher {
  readonly match: Int32Array;
  private readonly parent: Int32Array;
  private readonly base: Int32Array;
  private readonly outer: Uint8Array;
  private readonly inBlossom: Uint8Array;
  private readonly onPath: Uint8Array;
  private readonly queue: Int32Array;

  constructor(private readonly adjacency: readonly (readonly number[])[]) {
    const n = adjacency.length;
    this.match = new Int32Array(n).fill(-1);
    this.parent = new Int32Array(n);
    this.base = new Int32Array(n);
    this.outer = new Uint8Array(n);
    this.inBlossom = new Uint8Array(n);
    this.onPath = new Uint8Array(n);
    this.queue = new Int32Array(n);
  }

  private lca(a: number, b: number): number {
    const { onPath, base, match, parent } = this;
    onPath.fill(0);
    for (;;) {
      a = base[a]!;
      onPath[a] = 1;
      if (match[a] === -1) break;
      a = parent[match[a]!]!;
    }
    for (;;) {
      b = base[b]!;
      if (onPath[b]) return b;
      b = parent[match[b]!]!;
    }
  }

  private markPath(v: number, b: number, child: number) {
    const { base, match, parent, inBlossom } = this;
    while (base[v] !== b) {
      inBlossom[base[v]!] = 1;
      inBlossom[base[match[v]!]!] = 1;
      parent[v] = child;
      child = match[v]!;
      v = parent[match[v]!]!;
    }
  }

  /**
   * Grows the alternating tree from the unmatched `root`. Returns an unmatched vertex reached by an
   * augmenting path, or -1; afterwards `isOuter(v)` tells whether v is reachable from the root by an
   * even alternating path.
   */
  search(root: number): number {
    const { adjacency, match, parent, base, outer, inBlossom, queue } = this;
    const n = adjacency.length;
    outer.fill(0);
    parent.fill(-1);
    for (let i = 0; i < n; i++) base[i] = i;
    outer[root] = 1;
    let qh = 0;
    let qt = 0;
    queue[qt++] = root;
    while (qh < qt) {
      const v = queue[qh++]!;
      for (const to of adjacency[v]!) {
        if (base[v] === base[to] || match[v] === to) continue;
        if (to === root || (match[to] !== -1 && parent[match[to]!] !== -1)) {
          const b = this.lca(v, to);
          inBlossom.fill(0);
          this.markPath(v, b, to);
          this.markPath(to, b, v);
          for (let i = 0; i < n; i++) {
            if (inBlossom[base[i]!]) {
              base[i] = b;
              if (!outer[i]) {
                outer[i] = 1;
                queue[qt++] = i;
              }
            }
          }
        } else if (parent[to] === -1) {
          parent[to] = v;
          if (match[to] === -1) return to;
          const next = match[to]!;
          outer[next] = 1;
          queue[qt++] = next;
        }
      }
    }
    return -1;
  }

  isOuter(v: number) {
    return this.outer[v] === 1;
  }

  /** Flips the augmenting path found by `search` ending at the unmatched vertex `end`. */
  augment(end: number) {
    const { match, parent } = this;
    let v = end;
    while (v !== -1) {
      const pv = parent[v]!;
      const ppv = match[pv]!;
      match[v] = pv;
      match[pv] = v;
      v = ppv;
    }
  }

  /**
   * After a `search` from an unmatched root that found no augmenting path: flips the even
   * alternating path from the root to the outer vertex `w`, so the root becomes matched and `w`
   * unmatched (the matching keeps its size).
   */
  exchange(w: number) {
    const start = this.match[w]!;
    this.match[w] = -1;
    // The same flip as an augmenting path, starting from w's old partner.
    this.augment(start);
  }

  /**
   * Completes the current matching to a maximum one, trying unmatched vertices in `order`; then
   * exchanges unmatched vertices of higher weight for matched ones of lower weight until none can
   * be (the matched set is then a maximum-weight basis of the matching matroid).
   */
  maximise(order: readonly number[], weight: ArrayLike<number>) {
    const { match } = this;
    for (const v of order) {
      if (match[v] !== -1) continue;
      const end = this.search(v);
      if (end !== -1) this.augment(end);
    }
    for (let improved = true; improved; ) {
      improved = false;
      for (const u of order) {
        if (match[u] !== -1) continue;
        const end = this.search(u);
        if (end !== -1) {
          // Cannot happen after the first pass (Edmonds); if it did, more pairs are better still.
          this.augment(end);
          improved = true;
          continue;
        }
        let worst = -1;
        for (let w = 0; w < match.length; w++) {
          if (w !== u && this.outer[w] && (worst === -1 || weight[w]! < weight[worst]!)) worst = w;
        }
        if (worst !== -1 && weight[worst]! < weight[u]!) {
          this.exchange(worst);
          improved = true;
        }
      }
    }
  }

  size() {
    let matched = 0;
    for (const m of this.match) if (m !== -1) matched++;
    return matched / 2;
  }
}
