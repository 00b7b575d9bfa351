import { describe, expect, it } from '@jest/globals';
import { isProbeRequest } from './probe-requests.js';

describe('isProbeRequest', () => {
  it('knows health checks and metric scrapes, with or without a query string', () => {
    for (const url of ['/health', '/metrics', '/health?full=1', '/metrics?name[]=x']) expect(isProbeRequest(url)).toBe(true);
  });

  it('counts everything else as use', () => {
    for (const url of [undefined, '', '/', '/graphql', '/healthz', '/api/health', '/health/', '/graphql?q=/health'])
      expect(isProbeRequest(url)).toBe(false);
  });
});
