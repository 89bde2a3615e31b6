import { isIPv6 } from 'node:net'
import { Address6 } from 'ip-address'

/**
 * The address a limit counts a caller by, as @fastify/rate-limit counts it: IPv4 as it is (also when
 * mapped into IPv6), IPv6 by its /64, the network one subscriber is given, so hopping between the
 * addresses of one network buys no more tries.
 */
export function limitedAddress(ip: string): string {
  if (!isIPv6(ip)) return ip.toLowerCase()
  const address = new Address6(ip)
  if (address.isMapped4()) return address.to4().correctForm()
  return new Address6(`${ip}/64`).startAddress().correctForm()
}
