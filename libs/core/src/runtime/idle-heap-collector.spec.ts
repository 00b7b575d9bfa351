import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { getHeapStatistics } from 'node:v8';
import { IdleHeapCollector, v8HeapProbe } from './idle-heap-collector.js';

const MB = 1024 * 1024;

describe('IdleHeapCollector', () => {
  let now = 0;
  let used = 60 * MB;
  let collections = 0;
  const probe = {
    usedBytes: () => used,
    collect: async () => {
      collections++;
      used = 62 * MB;
    },
  };
  const make = () => new IdleHeapCollector(10_000, probe, () => now);
  beforeEach(() => {
    now = 0;
    used = 60 * MB;
    collections = 0;
  });

  it('collects once the process has been quiet for the idle period and the heap has grown', async () => {
    const collector = make();
    collector.begin();
    collector.end();
    used = 300 * MB;
    expect(await collector.check()).toBe(false); // the requests just seen start the quiet spell
    now = 9_999;
    expect(await collector.check()).toBe(false);
    now = 10_000;
    expect(await collector.check()).toBe(true);
    expect(collections).toBe(1);
  });

  it('never collects while requests keep arriving', async () => {
    const collector = make();
    used = 300 * MB;
    for (now = 0; now < 60_000; now += 5_000) {
      collector.begin();
      collector.end();
      expect(await collector.check()).toBe(false);
    }
    expect(collections).toBe(0);
  });

  it('collects at most once per quiet spell, and again after the next burst', async () => {
    const collector = make();
    used = 300 * MB;
    now = 10_000;
    expect(await collector.check()).toBe(true);
    used = 300 * MB; // whatever the heap does while nothing arrives
    now = 100_000;
    expect(await collector.check()).toBe(false);
    collector.begin();
    collector.end();
    expect(await collector.check()).toBe(false);
    now = 110_000;
    expect(await collector.check()).toBe(true);
    expect(collections).toBe(2);
  });

  it('waits while a request is still running, however long ago it arrived', async () => {
    const collector = make();
    collector.begin(); // a long forecast import
    used = 300 * MB;
    for (now = 0; now <= 60_000; now += 5_000) expect(await collector.check()).toBe(false);
    collector.end();
    expect(await collector.check()).toBe(false); // the quiet spell starts now
    now += 10_000;
    expect(await collector.check()).toBe(true);
  });

  it('leaves a heap alone that has grown by less than 32 MB since the last full collection', async () => {
    const collector = make();
    used = 60 * MB + 31 * MB;
    now = 10_000;
    expect(await collector.check()).toBe(false);
    expect(collections).toBe(0);
  });

  it('looks every half idle period once started, and not at all when the idle period is 0', async () => {
    jest.useFakeTimers();
    try {
      used = 300 * MB;
      const off = new IdleHeapCollector(0, probe, () => now);
      off.start();
      now = 60_000;
      await jest.advanceTimersByTimeAsync(60_000);
      expect(collections).toBe(0);
      off.stop();

      now = 0;
      used = 60 * MB;
      const on = make();
      used = 300 * MB;
      on.start();
      now = 10_000;
      await jest.advanceTimersByTimeAsync(10_000);
      expect(collections).toBe(1);
      on.stop();
    } finally {
      jest.useRealTimers();
    }
  });

  it("really collects V8's heap and gives the pages back", async () => {
    const heap = v8HeapProbe();
    let garbage: unknown[] | null = Array.from({ length: 300_000 }, (_, i) => ({ i, text: `row ${i}` }));
    const before = { used: heap.usedBytes(), total: getHeapStatistics().total_heap_size };
    garbage = null;
    await heap.collect();
    expect(garbage).toBeNull();
    expect(heap.usedBytes()).toBeLessThan(before.used - 10 * MB);
    expect(getHeapStatistics().total_heap_size).toBeLessThan(before.total - 10 * MB);
  });
});
