import { jest } from '@jest/globals';
import pg from 'pg';

/**
 * Runs `work` and counts the statements every pg client of this process sends meanwhile (transaction
 * control included), through a jest spy on pg's public `Client.prototype.query`. Run nothing else
 * concurrently (a test app started with `runWorker: false` keeps the worker's polling out).
 */
export async function statementsOf<T>(work: () => Promise<T>): Promise<{ result: T; statements: number; texts: string[] }> {
  const spy = jest.spyOn(pg.Client.prototype, 'query');
  try {
    const result = await work();
    const texts = spy.mock.calls.map(([config]) => (typeof config === 'string' ? config : String((config as { text?: unknown }).text)));
    return { result, statements: texts.length, texts };
  } finally {
    spy.mockRestore();
  }
}
