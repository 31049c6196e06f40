/**
 * SQL statements per request, without pg_stat_statements (it needs a server restart to load): a
 * TCP proxy in front of PostgreSQL that counts the statements clients send, i.e. simple-protocol
 * Query ('Q') and extended-protocol Execute ('E') messages, BEGIN and COMMIT included. Only used in
 * a short phase of its own, with fresh contender processes pointed at it, never under timed load.
 */
import net from 'node:net';

/** The untyped first messages: SSLRequest / GSSENCRequest (answered, then the client goes on) and the StartupMessage. */
const PROTOCOL_3 = 196608;

export class StatementCounter {
  count = 0;
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
        buffered = buffered.subarray(length);
      }
    });
    upstream.on('data', (chunk) => client.write(chunk));
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
