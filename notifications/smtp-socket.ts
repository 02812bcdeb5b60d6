/**
 * TCP connections for the SMTP pool with Nagle's algorithm off. nodemailer writes the end of each
 * message (".") as a small packet of its own, which Nagle holds back until the server's delayed
 * ACK arrives (40 ms on Linux, up to 200 ms elsewhere): a ceiling of about 20 messages a second
 * per connection, however fast the server. TLS (smtps or STARTTLS) is still negotiated by
 * nodemailer on top of this socket.
 *
 * A connection that cannot be made is not reported as an error of getSocket: nodemailer's pool
 * (7.0.13) never drops a pool resource whose getSocket failed, so each refused or timed-out
 * connection held one of the pool's slots for ever; once maxConnections of them had failed (an
 * SMTP outage), every later send of the process stayed pending, even with the server back (seen
 * in scripts/crash-cycle.ts: every attempt at the cycle's invitations timed out after the outage).
 * Instead nodemailer is left to connect by itself (the callback gets no socket): its own
 * connection error goes through the pool's error path, which frees the slot. The price is a
 * second connection attempt to a server that is down.
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
  let answered = false;
  const fallBack = () => {
    if (answered) return;
    answered = true;
    socket.destroy();
    callback(null);
  };
  socket.setTimeout(target.connectionTimeout ?? 30_000, fallBack);
  socket.once('error', fallBack);
  socket.once('connect', () => {
    socket.removeListener('error', fallBack);
    socket.setTimeout(0);
    if (answered) return;
    answered = true;
    callback(null, { connection: socket });
  });
}
