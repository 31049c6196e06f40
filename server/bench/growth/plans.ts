/**
 * EXPLAIN (ANALYZE, BUFFERS) of the statements Razem sent for one request, as captured by the
 * counting proxy (bench/api/sql-counter.ts): per statement its time, shared buffers hit and read,
 * the indexes it used, and the tables it scanned sequentially.
 */
import type pg from 'pg';
import type { CapturedStatement } from '../api/sql-counter.js';

export interface PlanSummary {
  /** A short name: the first table read and whether it is a count or a page. */
  label: string;
  text: string;
  executionMs: number;
  sharedHit: number;
  sharedRead: number;
  indexes: string[];
  seqScans: string[];
  /** Rows the plan's scans read and threw away by a filter. */
  rowsRemoved: number;
  /** Rows the statement returned, and the scan that read the most rows (all loops), to tell a walk from a lookup. */
  rowsOut: number;
  widestScan: { what: string; rows: number } | null;
  /** The plan as EXPLAIN prints it (text format). */
  plan: string;
}

type Node = Record<string, any>;

function walk(node: Node, visit: (node: Node) => void) {
  visit(node);
  for (const child of (node.Plans as Node[] | undefined) ?? []) walk(child, visit);
}

/** Statements worth explaining: not BEGIN/COMMIT/SET/SAVEPOINT, not writes. */
export const explainable = (s: CapturedStatement) => /^\s*(select|with)\b/i.test(s.text);

function label(text: string): string {
  // The query builder's own table is quoted with an alias (`from "slot" as "s"`); the JSON shapes' subqueries are not.
  const table = /from\s+"(\w+)"\s+as\s+"\w+"/i.exec(text)?.[1] ?? /from\s+"?(\w+)"?/i.exec(text)?.[1] ?? '?';
  const kind = /count\(/i.test(text) && !/\blimit\b/i.test(text) ? 'count' : /\blimit\b/i.test(text) ? 'page' : 'lookup';
  return `${table} ${kind}`;
}

export async function explain(client: pg.ClientBase, statement: CapturedStatement): Promise<PlanSummary> {
  const params = statement.params.length ? statement.params : undefined;
  const json = (await client.query(`explain (analyze, buffers, format json) ${statement.text}`, params)).rows[0]['QUERY PLAN'][0] as Node;
  const text = (await client.query(`explain (analyze, buffers) ${statement.text}`, params)).rows.map((r) => r['QUERY PLAN'] as string).join('\n');
  const indexes = new Set<string>();
  const seqScans = new Set<string>();
  let rowsRemoved = 0;
  let widestScan: PlanSummary['widestScan'] = null;
  walk(json.Plan, (node) => {
    if (/Scan/.test(node['Node Type']) && node['Relation Name']) {
      const rows = (node['Actual Rows'] ?? 0) * (node['Actual Loops'] ?? 1);
      if (!widestScan || rows > widestScan.rows) widestScan = { what: `${node['Node Type']}${node['Index Name'] ? ` using ${node['Index Name']}` : ''} on ${node['Relation Name']}`, rows };
    }
    if (node['Index Name']) indexes.add(node['Index Name']);
    if (node['Node Type'] === 'Seq Scan') seqScans.add(node['Relation Name']);
    rowsRemoved += (node['Rows Removed by Filter'] ?? 0) * (node['Actual Loops'] ?? 1);
  });
  return {
    label: label(statement.text), text: statement.text, executionMs: json['Execution Time'],
    sharedHit: json.Plan['Shared Hit Blocks'] ?? 0, sharedRead: json.Plan['Shared Read Blocks'] ?? 0,
    indexes: [...indexes], seqScans: [...seqScans], rowsRemoved, rowsOut: json.Plan['Actual Rows'] ?? 0, widestScan, plan: text,
  };
}
