import { describe, expect, it } from '@jest/globals';
import type { LookupAddress } from 'node:dns';
import {
  checkTargetAtDelivery,
  checkWebhookTarget,
  guardedLookup,
  isForbiddenAddress,
  parseWebhookUrl,
  WebhookTargetRefused,
} from './webhook-target.js';
import { signatureHeader, verifySignature } from './webhook-signature.js';

const production = { isProduction: true, allowHosts: ['erp.factory.local'] };
const development = { isProduction: false, allowHosts: [] };

const refusal = async (work: () => unknown) => {
  try {
    await work();
  } catch (error) {
    if (error instanceof WebhookTargetRefused) return error.refusal.reason;
    throw error;
  }
  return 'accepted';
};

describe('webhook targets', () => {
  it('classifies loopback, private, link-local and other internal addresses as forbidden', () => {
    for (const address of [
      '127.0.0.1',
      '127.8.9.1',
      '10.0.0.5',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      'not-an-ip',
    ]) {
      expect({ address, forbidden: isForbiddenAddress(address) }).toEqual({ address, forbidden: true });
    }
    for (const address of ['93.184.215.14', '8.8.8.8', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8']) {
      expect({ address, forbidden: isForbiddenAddress(address) }).toEqual({ address, forbidden: false });
    }
  });

  /** IPv6 spellings of refused IPv4 addresses: each form, loopback and the cloud metadata address. */
  const EMBEDDING: [string, string][] = [
    ['IPv4-compatible (deprecated ::/96)', '::7f00:1'],
    ['IPv4-compatible, dotted', '::127.0.0.1'],
    ['IPv4-compatible, private', '::a00:1'],
    ['IPv4-mapped', '::ffff:127.0.0.1'],
    ['IPv4-mapped, hex', '::ffff:7f00:1'],
    ['IPv4-mapped, metadata', '::ffff:a9fe:a9fe'],
    ['IPv4-translated (SIIT, ::ffff:0:0:0/96)', '::ffff:0:7f00:1'],
    ['NAT64 well-known prefix', '64:ff9b::7f00:1'],
    ['NAT64 well-known prefix, dotted', '64:ff9b::169.254.169.254'],
    ['NAT64 local-use prefix (64:ff9b:1::/48)', '64:ff9b:1::7f00:1'],
    ['NAT64 local-use prefix, another position', '64:ff9b:1:7f00:1::'],
    ['6to4', '2002:7f00:1::1'],
    ['6to4, private', '2002:c0a8:101::1'],
    ['6to4, metadata', '2002:a9fe:a9fe:1:2:3:4:5'],
    ['Teredo, loopback server', '2001:0:7f00:1::1'],
    ['Teredo, loopback client (obfuscated)', '2001:0:4136:e378:8000:63bf:80ff:fffe'],
    ['ISATAP interface id', '2a00:1450:4001:1::5efe:a00:1'],
    ['ISATAP interface id (universal bit)', '2a00:1450:4001:1:200:5efe:7f00:1'],
    ['link-local with a zone', 'fe80::1%eth0'],
  ];

  it('refuses every IPv6 form that embeds a refused IPv4 address', () => {
    for (const [form, address] of EMBEDDING) {
      expect({ form, address, forbidden: isForbiddenAddress(address) }).toEqual({ form, address, forbidden: true });
    }
    // The same forms around public IPv4 addresses, and ordinary public IPv6 addresses, stay allowed.
    for (const address of [
      '::ffff:8.8.8.8',
      '2002:808:808::1',
      '2001:0:4136:e378:8000:63bf:f7f7:f7f7',
      '2606:4700::1111',
      '2a00:1450:4001:80b::200e',
      '2a00:1450:4001:1::5efe:808:808',
    ]) {
      expect({ address, forbidden: isForbiddenAddress(address) }).toEqual({ address, forbidden: false });
    }
  });

  it('refuses those forms as IP literals in a URL, at registration and at delivery, and in DNS answers', async () => {
    for (const [form, address] of EMBEDDING) {
      if (address.includes('%')) continue; // a zone id is not allowed in a URL
      const url = `https://[${address}]/hook`;
      expect({ form, url, outcome: await refusal(() => checkWebhookTarget(url, production)) }).toEqual({ form, url, outcome: 'address' });
      expect({ form, url, outcome: await refusal(() => checkTargetAtDelivery(url, production)) }).toEqual({
        form,
        url,
        outcome: 'address',
      });
      // A host name whose DNS answer is that address: at registration ...
      const resolve = async () => [address];
      expect({ form, outcome: await refusal(() => checkWebhookTarget('https://erp.example.com/hook', production, resolve)) }).toEqual({
        form,
        outcome: 'address',
      });
      // ... and when the delivery connects (the answer may have changed since).
      const dns = (_host: string, _options: object, callback: (error: Error | null, addresses: LookupAddress[]) => void) =>
        callback(null, [
          { address: '93.184.215.14', family: 4 },
          { address, family: 6 },
        ]);
      const lookup = guardedLookup(production, 'erp.example.com', dns)!;
      const outcome = await new Promise((done) =>
        lookup('erp.example.com', { all: true }, (error: unknown) =>
          done(error instanceof WebhookTargetRefused ? error.refusal.reason : 'connected'),
        ),
      );
      expect({ form, outcome }).toEqual({ form, outcome: 'address' });
    }
  });

  it('in production: https to public addresses only, except allow-listed hosts (which may also use http)', async () => {
    const resolve = async (host: string) =>
      ({ 'erp.example.com': ['93.184.215.14'], 'rebind.example.com': ['10.1.1.1'], 'mixed.example.com': ['93.184.215.14', '127.0.0.1'] })[
        host
      ] ?? [];
    const cases: [string, string][] = [
      ['https://erp.example.com/hook', 'accepted'],
      ['https://93.184.215.14/hook', 'accepted'],
      ['http://erp.example.com/hook', 'https'],
      ['https://rebind.example.com/hook', 'address'],
      ['https://mixed.example.com/hook', 'address'],
      ['https://127.0.0.1/hook', 'address'],
      ['https://[::1]/hook', 'address'],
      ['https://169.254.169.254/latest/meta-data', 'address'],
      ['https://nowhere.example.com/hook', 'unresolvable'],
      ['http://localhost:8080/hook', 'https'],
      ['http://erp.factory.local/hook', 'accepted'],
      ['https://user:secret@erp.example.com/hook', 'credentials'],
      ['gopher://erp.example.com/', 'invalid'],
    ];
    for (const [url, expected] of cases) {
      expect({ url, outcome: await refusal(() => checkWebhookTarget(url, production, resolve)) }).toEqual({ url, outcome: expected });
    }
  });

  it('outside production: http allowed for localhost only, no address checks', async () => {
    expect(await refusal(() => checkWebhookTarget('http://localhost:3000/hook', development))).toBe('accepted');
    expect(await refusal(() => checkWebhookTarget('http://127.0.0.1:3000/hook', development))).toBe('accepted');
    expect(await refusal(() => checkWebhookTarget('https://10.0.0.1/hook', development))).toBe('accepted');
    expect(await refusal(() => checkWebhookTarget('http://erp.example.com/hook', development))).toBe('https');
    expect(parseWebhookUrl('https://erp.example.com/hook#frag', development).toString()).toBe('https://erp.example.com/hook');
  });

  it('checks an IP-literal target again at delivery (it connects without a lookup)', async () => {
    expect(await refusal(() => checkTargetAtDelivery('https://10.0.0.1/hook', production))).toBe('address');
    expect(await refusal(() => checkTargetAtDelivery('https://93.184.215.14/hook', production))).toBe('accepted');
    expect(await refusal(() => checkTargetAtDelivery('https://10.0.0.1/hook', development))).toBe('accepted');
  });
});

describe('webhook signatures', () => {
  it('verifies with the right secret and body only, within the time tolerance', () => {
    const now = Date.UTC(2026, 10, 28, 12);
    const body = '{"id":"e1","type":"order.published"}';
    const header = signatureHeader('whsec_a', body, now / 1000);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature('whsec_a', body, header, 300, now)).toBe(true);
    expect(verifySignature('whsec_b', body, header, 300, now)).toBe(false);
    expect(verifySignature('whsec_a', `${body} `, header, 300, now)).toBe(false);
    expect(verifySignature('whsec_a', body, header, 300, now + 301_000)).toBe(false);
    expect(verifySignature('whsec_a', body, 'garbage', 300, now)).toBe(false);
  });
});
