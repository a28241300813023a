/**
 * Validators for environment values, shared by the parts of the configuration (config.ts reads
 * them all): each explains what was expected, and config.ts names the variable.
 */
import { isIP } from 'node:net';
import { z } from 'zod';

export const integer = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `expected an integer between ${min} and ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `expected at least ${min}`).max(max, `expected at most ${max}`));

export const flag = z
  .enum(['true', 'false', '1', '0'], { message: 'expected true or false' })
  .transform((value) => value === 'true' || value === '1');

export const url = (protocols: string[]) =>
  z
    .string()
    .trim()
    .refine((value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }, `expected a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);

/** An address or a CIDR subnet (`10.0.0.0/8`, `fd00::/8`); null when it is neither. */
export function parseAddressOrSubnet(entry: string): { address: string; prefix?: number; family: 'ipv4' | 'ipv6' } | null {
  const [address = '', prefix, ...rest] = entry.trim().split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return null;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  if (prefix === undefined) return { address, family };
  const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
  return bits <= (version === 4 ? 32 : 128) ? { address, prefix: bits, family } : null;
}

export const addressesOrSubnets = z
  .string()
  .transform((value) => value.split(',').map((entry) => entry.trim()).filter(Boolean))
  .refine((entries) => entries.every((entry) => parseAddressOrSubnet(entry) !== null), 'expected comma-separated IP addresses or CIDR subnets');
