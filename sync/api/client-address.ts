// Who is posting, as far as the socket says: the client's address, an IPv6 client's /64 network (one
// household or phone gets a whole /64, so counting single addresses would let it rotate freely).
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** `unknown` when there is no socket (requests made in-process, as tests do). */
export function clientAddress(c: Context): string {
  let address: string | undefined;
  try {
    address = getConnInfo(c).remote.address;
  } catch {
    address = undefined;
  }
  if (address === undefined || address === '') return 'unknown';
  if (address.startsWith('::ffff:')) return address.slice(7);
  if (!address.includes(':')) return address;
  return `${expandIpv6(address).slice(0, 4).join(':')}::/64`;
}

function expandIpv6(address: string): string[] {
  const [head, tail = ''] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  return [...left, ...new Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
}
