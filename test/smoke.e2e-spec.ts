import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestApp } from './support/test-app.js';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('signs in and reads me', async () => {
    const data = await t.ok(`{ me { email organization { name } } }`, {}, 'buyer@anchor.demo');
    expect(data.me.email).toBe('buyer@anchor.demo');
  });
});
