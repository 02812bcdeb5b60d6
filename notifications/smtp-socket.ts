/**
 * TCP connections for the SMTP pool with Nagle's algorithm off. nodemailer writes the end of each
 * message (".") as a small packet of its own, which Nagle holds back until the server's delayed
 * ACK arrives (40 ms on Linux, up to 200 ms elsewhere): a ceiling of about 20 messages a second
 * per connection, however fast the server. TLS (smtps or STARTTLS) is still negotiated by
 * nodemailer on top of this socket.
 */
import net from 'node:net';

type Callback = (err: Error | null, socketOptions?: { connection: net.Socket }) => void;

export interface SocketTarget {
  host?: string;
  port?: number;
  connectionTimeout?: number;
}

/** A `getSocket` for nodemailer's pool: connect, then hand over the open socket. */
export function connectWithoutDelay(target: SocketTarget, callback: Callback): void {
  const socket = net.connect({ host: target.host, port: target.port ?? 587 });
  socket.setNoDelay(true);
  const fail = (err: Error) => {
    socket.destroy();
    callback(err);
  };
  socket.setTimeout(target.connectionTimeout ?? 30_000, () =>
    fail(
      Object.assign(new Error(`Connection timeout to ${target.host}:${target.port}`), { code: 'ETIMEDOUT' }),
    ),
  );
  socket.once('error', fail);
  socket.once('connect', () => {
    socket.removeListener('error', fail);
    socket.setTimeout(0);
    callback(null, { connection: socket });
  });
}
