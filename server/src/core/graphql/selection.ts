import type { GraphQLResolveInfo } from 'graphql';
import { parseResolveInfo, type ResolveTree } from 'graphql-parse-resolve-info';

/**
 * What a query asks for below a field: field names (aliases and fragments merged, @skip/@include
 * applied) with their own sub-selections. Read paths use it to ask PostgreSQL for exactly that.
 */
export class Selection {
  static readonly empty = new Selection(new Map());

  constructor(readonly fields: ReadonlyMap<string, Selection>) {}

  has(field: string): boolean {
    return this.fields.has(field);
  }

  /** The sub-selection along a path of field names, e.g. `at('edges', 'node')`; empty when not asked. */
  at(...path: string[]): Selection {
    let current: Selection = this;
    for (const field of path) current = current.fields.get(field) ?? Selection.empty;
    return current;
  }
}

/** The same field under two aliases (or two fragments): the union of what both ask. */
function merge(a: Selection, b: Selection): Selection {
  const fields = new Map(a.fields);
  for (const [name, sub] of b.fields) {
    const known = fields.get(name);
    fields.set(name, known ? merge(known, sub) : sub);
  }
  return new Selection(fields);
}

function fromTree(tree: ResolveTree): Selection {
  let selection = Selection.empty;
  for (const byAlias of Object.values(tree.fieldsByTypeName)) {
    for (const child of Object.values(byAlias)) selection = merge(selection, new Selection(new Map([[child.name, fromTree(child)]])));
  }
  return selection;
}

/** The selection below the field being resolved. */
export function selectionOf(info: GraphQLResolveInfo): Selection {
  const tree = parseResolveInfo(info) as ResolveTree | null | undefined;
  return tree ? fromTree(tree) : Selection.empty;
}
