/**
 * Contender C, the floor: `node:http` + `pg` and nothing else. Each page is one SQL statement that
 * returns the GraphQL-shaped JSON (floor-sql.ts); a booking is one statement enforcing the same
 * rules as Razem's. No GraphQL parsing, no ORM: about as fast as Node in front of this
 * database can answer, so it shows how much headroom there is, not a design to copy.
 * Run as its own process with DATABASE_URL and PORT. Routes: POST /directory, /programme, /fair, /book.
 */
import { createHash, randomInt } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import pg from 'pg';
import { BOOK_SQL, DIRECTORY_SQL, FAIR_SQL, PROGRAMME_SQL } from './floor-sql.js';

const databaseUrl = process.env.DATABASE_URL;
const port = Number(process.env.PORT ?? 5200);
if (!databaseUrl) throw new Error('DATABASE_URL is required');

// The same pool size as Razem's MikroORM pool.
const pool = new pg.Pool({ connectionString: databaseUrl, max: 20 });
pool.on('error', () => {});

class Refusal extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

type Variables = Record<string, unknown>;
interface Caller {
  municipality: string;
  tokenHash: string | null;
}

const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const checkInCode = () => Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

function decodeCursor(cursor: unknown): [string | null, string | null] {
  if (typeof cursor !== 'string') return [null, null];
  const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  if (!Array.isArray(key) || key.length !== 2) throw new Refusal('BAD_USER_INPUT');
  return [String(key[0]), String(key[1])];
}

/** Named statements are prepared once per connection, so PostgreSQL plans these large queries once, not on every request. */
async function page(name: string, sql: string, caller: Caller, params: unknown[]): Promise<string> {
  const { rows } = await pool.query<{ body: string }>({ name, text: sql, values: [caller.municipality, caller.tokenHash, ...params] });
  return rows[0]!.body;
}

const pageSize = (variables: Variables) => Math.min(100, Math.max(1, Number(variables.first ?? 50)));

/** Books in one statement (see BOOK_SQL); answers like Razem's `bookOpenDaysSlot`. */
async function bookOnce(caller: Caller, variables: Variables): Promise<string> {
  const input = (variables.input ?? {}) as { slotId?: string; partySize?: number; waitlistIfFull?: boolean };
  const { rows } = await pool.query<{ outcome: string; booking: string | null }>({
    name: 'book', text: BOOK_SQL,
    values: [caller.municipality, caller.tokenHash, input.slotId, input.partySize ?? 1, input.waitlistIfFull ?? true, checkInCode()],
  });
  const { outcome, booking } = rows[0]!;
  if (!booking) throw new Refusal(outcome);
  return `{"data":{"bookOpenDaysSlot":${booking}}}`;
}

/** Check-in codes are random: two bookings drawing the same code (rare, but likely over tens of thousands) try again. */
async function book(caller: Caller, variables: Variables): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await bookOnce(caller, variables);
    } catch (error) {
      const duplicateCode = (error as { constraint?: string }).constraint === 'booking_municipality_code_unique';
      if (!duplicateCode || attempt === 3) throw error;
    }
  }
}

const routes: Record<string, (caller: Caller, variables: Variables) => Promise<string>> = {
  '/directory': (caller, v) => page('directory', DIRECTORY_SQL, caller, [pageSize(v), ...decodeCursor(v.after)]),
  '/programme': (caller, v) => page('programme', PROGRAMME_SQL, caller, [v.editionId, pageSize(v), ...decodeCursor(v.after)]),
  '/fair': (caller, v) => page('fair', FAIR_SQL, caller, [v.id]),
  '/book': book,
};

function sessionTokenHash(cookie: string | undefined): string | null {
  const token = /(?:^|;\s*)razem_session=([^;]+)/.exec(cookie ?? '')?.[1];
  return token ? createHash('sha256').update(decodeURIComponent(token)).digest('hex') : null;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

function send(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

async function handle(req: IncomingMessage, res: ServerResponse) {
  const route = routes[req.url ?? ''];
  if (req.method === 'GET' && req.url === '/health') return send(res, 200, '{"ok":true}');
  if (!route || req.method !== 'POST') return send(res, 404, '{"errors":[{"message":"Not found"}]}');
  try {
    const { variables = {} } = JSON.parse(await readBody(req)) as { variables?: Variables };
    const caller = { municipality: String(req.headers['x-municipality'] ?? ''), tokenHash: sessionTokenHash(req.headers.cookie) };
    send(res, 200, await route(caller, variables));
  } catch (error) {
    // Refusals answer like GraphQL errors (200 with `errors`), as Razem's do; anything else is a 500.
    if (error instanceof Refusal) return send(res, 200, JSON.stringify({ errors: [{ message: error.code, extensions: { code: error.code } }], data: null }));
    console.error(error);
    send(res, 500, JSON.stringify({ errors: [{ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }));
  }
}

const server = createServer((req, res) => void handle(req, res));
server.keepAliveTimeout = 65_000;
// The same queue for connections not yet accepted as Razem's (main.ts), so the rush compares handling, not the kernel's default.
server.listen({ port, host: '127.0.0.1', backlog: 4096 }, () => console.log(`Floor listening on http://127.0.0.1:${port}`));

const stop = () => server.close(() => void pool.end().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
