import { describe, expect, it } from '@jest/globals';
import { checkTargetAtDelivery, checkWebhookTarget, isForbiddenAddress, parseWebhookUrl, WebhookTargetRefused } from './webhook-target.js';
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
    for (const address of ['127.0.0.1', '127.8.9.1', '10.0.0.5', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', 'not-an-ip']) {
      expect({ address, forbidden: isForbiddenAddress(address) }).toEqual({ address, forbidden: true });
    }
    for (const address of ['93.184.215.14', '8.8.8.8', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8']) {
      expect({ address, forbidden: isForbiddenAddress(address) }).toEqual({ address, forbidden: false });
    }
  });

  it('in production: https to public addresses only, except allow-listed hosts (which may also use http)', async () => {
    const resolve = async (host: string) => ({ 'erp.example.com': ['93.184.215.14'], 'rebind.example.com': ['10.1.1.1'], 'mixed.example.com': ['93.184.215.14', '127.0.0.1'] })[host] ?? [];
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
