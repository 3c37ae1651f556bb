// The client's network address, for limits that must hold when a caller drops its session cookie
// (a fresh session would otherwise be a fresh rate-limit bucket). Behind reverse proxies the socket
// address is the proxy's, so `trustProxy` says how many proxies in front append to X-Forwarded-For.
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** The Node socket under a request, when @hono/node-server serves it (its bindings, as `getConnInfo` reads them). */
function nodeSocket(c: Context): object | undefined {
  const env = c.env as
    | { server?: { incoming?: { socket?: object } }; incoming?: { socket?: object } }
    | undefined;
  return (env?.server ?? env)?.incoming?.socket;
}

// A socket's peer never changes, and Node asks the kernel (getpeername) on every read of it: one
// read per keep-alive connection instead of one per request.
const peers = new WeakMap<object, string | null>();

function socketAddress(c: Context): string | null {
  const socket = nodeSocket(c);
  // Not served by Node (a fetch handler elsewhere, or `app.request` in tests): no socket.
  if (socket === undefined) return null;
  let address = peers.get(socket);
  if (address === undefined) {
    address = getConnInfo(c).remote.address ?? null;
    if (address !== null) peers.set(socket, address);
  }
  return address;
}

/**
 * The address of the caller: the socket's peer with `trustProxy` 0; with `trustProxy` N, the address
 * the outermost of the N trusted proxies saw (the N-th X-Forwarded-For entry from the right), so a
 * client cannot choose its address by sending its own header. Null when no address is known.
 */
export function clientAddress(c: Context, trustProxy: number): string | null {
  const socket = socketAddress(c);
  if (trustProxy === 0) return socket;
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  // The nearest proxy is the socket's peer (when there is a socket) and appended the address it saw,
  // as did each trusted proxy before it; anything further left is the client's to forge.
  const chain = socket === null ? forwarded : [...forwarded, socket];
  const hops = socket === null ? trustProxy - 1 : trustProxy;
  return chain[Math.max(chain.length - 1 - hops, 0)] ?? null;
}
