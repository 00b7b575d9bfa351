import { describe, expect, it } from '@jest/globals';
import { GradientLevel } from '@anchorlink/core';
import { computeLevel, type CriterionLike, describeGap } from './level.js';

const L = GradientLevel;
const criteria: CriterionLike[] = [
  { id: 'b1', level: L.BASIC, textZh: '设备联网', textEn: 'Equipment networked' },
  { id: 'b2', level: L.BASIC, textZh: '生产台账', textEn: 'Production ledger' },
  { id: 'a1', level: L.ADVANCED, textZh: '系统互通', textEn: 'Systems integrated' },
  { id: 'e1', level: L.EXCELLENT, textZh: 'AI 质检', textEn: 'AI inspection' },
  { id: 'n1', level: L.NAVIGATOR, textZh: '供应链协同平台', textEn: 'Supply-chain platform' },
];
const ALL = ['b1', 'b2', 'a1', 'e1', 'n1'];

type Case = [string, string[], number, number, number | null, GradientLevel | null, string[]];

describe('gradient level computation', () => {
  const cases: Case[] = [
    ['nothing met', [], 10, 0, null, null, ['criterion:b1', 'criterion:b2']],
    ['a missing BASIC criterion', ['b1', 'a1', 'e1', 'n1'], 10, 9, 5, null, ['criterion:b2']],
    ['BASIC only', ['b1', 'b2'], 10, 0, null, L.BASIC, ['criterion:a1']],
    ['ADVANCED, no AI at all', ['b1', 'b2', 'a1', 'e1'], 10, 0, null, L.ADVANCED, ['aiRatio:20']],
    ['19% AI is not EXCELLENT', ['b1', 'b2', 'a1', 'e1'], 100, 19, null, L.ADVANCED, ['aiRatio:20']],
    ['20% AI is EXCELLENT', ['b1', 'b2', 'a1', 'e1'], 100, 20, null, L.EXCELLENT, ['criterion:n1', 'aiRatio:60']],
    ['20% of 5 scenarios (1 of 5)', ['b1', 'b2', 'a1', 'e1'], 5, 1, null, L.EXCELLENT, ['criterion:n1', 'aiRatio:60']],
    ['maturity 2 keeps it ADVANCED', ['b1', 'b2', 'a1', 'e1'], 10, 5, 2, L.ADVANCED, ['maturity:3']],
    ['maturity 3 is enough', ['b1', 'b2', 'a1', 'e1'], 10, 5, 3, L.EXCELLENT, ['criterion:n1', 'aiRatio:60']],
    ['59% AI is not NAVIGATOR', ALL, 100, 59, 4, L.EXCELLENT, ['aiRatio:60']],
    ['60% AI is NAVIGATOR', ALL, 100, 60, 4, L.NAVIGATOR, []],
    ['NAVIGATOR needs EXCELLENT first', ['b1', 'b2', 'a1', 'n1'], 10, 9, null, L.ADVANCED, ['criterion:e1']],
    ['no scenarios means no AI ratio', ['b1', 'b2', 'a1', 'e1'], 0, 0, null, L.ADVANCED, ['aiRatio:20']],
  ];

  it.each(cases)('%s', (_name, met, scenarios, ai, maturity, level, gaps) => {
    const result = computeLevel(criteria, { met: new Set(met), scenarioCount: scenarios, aiScenarioCount: ai, maturityLevel: maturity });
    expect(result.level).toBe(level);
    expect(
      result.gaps.map((g) =>
        g.kind === 'criterion'
          ? `criterion:${g.criterionId}`
          : g.kind === 'aiRatio'
            ? `aiRatio:${g.neededPercent}`
            : `maturity:${g.needed}`,
      ),
    ).toEqual(gaps);
  });

  it('reports the AI ratio as a fraction', () => {
    expect(computeLevel(criteria, { met: new Set(), scenarioCount: 8, aiScenarioCount: 2, maturityLevel: null }).aiScenarioRatio).toBe(
      0.25,
    );
  });

  it('words gaps in both languages', () => {
    const { gaps } = computeLevel(criteria, {
      met: new Set(['b1', 'b2', 'a1', 'e1']),
      scenarioCount: 20,
      aiScenarioCount: 3,
      maturityLevel: 2,
    });
    expect(gaps.map((g) => describeGap(g, 'zh-CN'))).toEqual([
      '卓越级：人工智能应用场景比例需达到 20%（当前 15%）',
      '卓越级：智能制造能力成熟度（GB/T 39116-2020）需达到 3 级及以上（当前 2 级）',
    ]);
    expect(describeGap(gaps[0], 'en')).toBe('EXCELLENT: AI must be applied in at least 20% of production scenarios (now 15%)');
  });
});
