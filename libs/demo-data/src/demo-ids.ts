import { createHash } from 'node:crypto';

/**
 * Stable ids for demo records (a name-based UUID, version 5 layout), so that
 * loading the demo data again finds what it loaded before.
 */
export function demoId(name: string): string {
  const hex = createHash('sha1').update(`anchorlink-demo:${name}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
