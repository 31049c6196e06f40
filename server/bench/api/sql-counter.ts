/**
 * SQL statements per request, without pg_stat_statements (it needs a server restart to load): a
 * TCP proxy in front of PostgreSQL that counts the statements clients send, i.e. simple-protocol
 * Query ('Q') and extended-protocol Execute ('E') messages, BEGIN and COMMIT included. Only used in
 * a short phase of its own, with fresh contender processes pointed at it, never under timed load.
 */
import net from 'node:net';

/** The untyped first messages: SSLRequest / GSSENCRequest (answered, then the client goes on) and the StartupMessage. */
const PROTOCOL_3 = 196608;

/** A statement as a client sent it: its text and, for the extended protocol, its parameters in text form. */
export interface CapturedStatement {
  text: string;
  params: (string | null)[];
}

/** Reads a NUL-terminated string at `at`; returns it and the offset after the NUL. */
function cstring(buffer: Buffer, at: number): [string, number] {
  const end = buffer.indexOf(0, at);
  return [buffer.toString('utf8', at, end), end + 1];
}

/** Bind ('B'): the prepared statement's name and the parameters (text format assumed, as node-postgres sends them). */
function bindMessage(message: Buffer): { statement: string; params: (string | null)[] } {
  let at = 5;
  [, at] = cstring(message, at); // portal
  const [statement, afterName] = cstring(message, at);
  at = afterName;
  const formats = message.readInt16BE(at);
  at += 2 + 2 * formats;
  const count = message.readInt16BE(at);
  at += 2;
  const params: (string | null)[] = [];
  for (let i = 0; i < count; i++) {
    const length = message.readInt32BE(at);
    at += 4;
    if (length < 0) params.push(null);
    else {
      params.push(message.toString('utf8', at, at + length));
      at += length;
    }
  }
  return { statement, params };
}

export class StatementCounter {
  count = 0;
  /** When an array, every statement's text (and parameters) is appended to it; off (null) by default. */
  captured: CapturedStatement[] | null = null;
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();

  private constructor(private readonly target: { host: string; port: number }) {
    this.server = net.createServer((client) => this.relay(client));
  }

  static async listen(target: { host: string; port: number }): Promise<{ counter: StatementCounter; port: number }> {
    const counter = new StatementCounter(target);
    await new Promise<void>((resolve) => counter.server.listen(0, '127.0.0.1', resolve));
    return { counter, port: (counter.server.address() as net.AddressInfo).port };
  }

  private relay(client: net.Socket) {
    const upstream = net.connect(this.target.port, this.target.host);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    let buffered = Buffer.alloc(0);
    let started = false;
    // Prepared statements by name (the unnamed one is ''), for the Bind messages that use them.
    const parsed = new Map<string, string>();
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      buffered = Buffer.concat([buffered, chunk]);
      // Walk whole messages: [type byte][int32 length incl. itself][payload]; the first ones have no type byte.
      for (;;) {
        const header = started ? 5 : 4;
        if (buffered.length < header) break;
        const length = started ? buffered.readInt32BE(1) + 1 : buffered.readInt32BE(0);
        if (buffered.length < length) break;
        if (!started && buffered.readInt32BE(4) === PROTOCOL_3) started = true;
        else if (started && (buffered[0] === 0x51 || buffered[0] === 0x45)) this.count += 1;
        if (started && this.captured) this.capture(buffered.subarray(0, length), parsed);
        buffered = buffered.subarray(length);
      }
    });
    upstream.on('data', (chunk) => client.write(chunk));
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
  }

  private capture(message: Buffer, parsed: Map<string, string>) {
    const type = message[0];
    if (type === 0x51) this.captured!.push({ text: cstring(message, 5)[0], params: [] }); // Query
    else if (type === 0x50) { // Parse: name, text
      const [name, at] = cstring(message, 5);
      parsed.set(name, cstring(message, at)[0]);
    } else if (type === 0x42) { // Bind
      const { statement, params } = bindMessage(message);
      this.captured!.push({ text: parsed.get(statement) ?? '', params });
    }
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
