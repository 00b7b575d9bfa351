import { bilingual, GradientLevel, type Locale, t } from '@anchorlink/core';

/** The programme's levels, lowest first. */
export const LEVELS: readonly GradientLevel[] = [
  GradientLevel.BASIC,
  GradientLevel.ADVANCED,
  GradientLevel.EXCELLENT,
  GradientLevel.NAVIGATOR,
];

/** AI-applied scenarios / all scenarios needed, in percent (卓越级 ≥ 20%, 领航级 ≥ 60%). */
export const AI_PERCENT_NEEDED: Partial<Record<GradientLevel, number>> = {
  [GradientLevel.EXCELLENT]: 20,
  [GradientLevel.NAVIGATOR]: 60,
};
/** GB/T 39116-2020 maturity needed for EXCELLENT, when the organization has been assessed. */
export const MATURITY_NEEDED_FOR_EXCELLENT = 3;

export interface CriterionLike {
  id: string;
  level: GradientLevel;
  textZh: string;
  textEn: string;
}

export interface AssessmentFacts {
  /** Criterion ids answered "met". */
  met: ReadonlySet<string>;
  scenarioCount: number;
  aiScenarioCount: number;
  maturityLevel: number | null;
}

export type Gap =
  | { kind: 'criterion'; criterionId: string; level: GradientLevel; textZh: string; textEn: string }
  | { kind: 'aiRatio'; level: GradientLevel; neededPercent: number; currentPercent: number }
  | { kind: 'maturity'; level: GradientLevel; needed: number; current: number };

export interface LevelResult {
  level: GradientLevel | null;
  aiScenarioRatio: number;
  gaps: Gap[];
}

/** Exact: aiCount / scenarios ≥ percent / 100, without floating point. */
function aiRatioReaches(facts: AssessmentFacts, percent: number): boolean {
  return facts.aiScenarioCount * 100 >= percent * facts.scenarioCount && facts.scenarioCount > 0;
}

/** What a level needs beyond the levels below it: its criteria, and its AI ratio and maturity conditions. */
function missingFor(level: GradientLevel, criteria: readonly CriterionLike[], facts: AssessmentFacts): Gap[] {
  const gaps: Gap[] = criteria
    .filter((c) => c.level === level && !facts.met.has(c.id))
    .map((c) => ({ kind: 'criterion', criterionId: c.id, level, textZh: c.textZh, textEn: c.textEn }));
  const percent = AI_PERCENT_NEEDED[level];
  if (percent !== undefined && !aiRatioReaches(facts, percent)) {
    const current = facts.scenarioCount > 0 ? Math.floor((facts.aiScenarioCount * 1000) / facts.scenarioCount) / 10 : 0;
    gaps.push({ kind: 'aiRatio', level, neededPercent: percent, currentPercent: current });
  }
  if (level === GradientLevel.EXCELLENT && facts.maturityLevel !== null && facts.maturityLevel < MATURITY_NEEDED_FOR_EXCELLENT) {
    gaps.push({ kind: 'maturity', level, needed: MATURITY_NEEDED_FOR_EXCELLENT, current: facts.maturityLevel });
  }
  return gaps;
}

/**
 * The gradient level an assessment reaches: the highest level L such that
 * every criterion of every level up to L is met, with AI applied in at least
 * 20% of production scenarios for EXCELLENT (and GB/T 39116 maturity ≥ 3 when
 * given) and 60% for NAVIGATOR. No level when BASIC is not met. `gaps` is
 * exactly what stands between the result and the next level.
 */
export function computeLevel(criteria: readonly CriterionLike[], facts: AssessmentFacts): LevelResult {
  let level: GradientLevel | null = null;
  let gaps: Gap[] = [];
  for (const candidate of LEVELS) {
    const missing = missingFor(candidate, criteria, facts);
    if (missing.length) {
      gaps = missing;
      break;
    }
    level = candidate;
  }
  const aiScenarioRatio = facts.scenarioCount > 0 ? facts.aiScenarioCount / facts.scenarioCount : 0;
  return { level, aiScenarioRatio, gaps };
}

/** A gap in words, in the reader's language. */
export function describeGap(gap: Gap, locale: Locale): string {
  const level = { message: `level.${gap.level}` } as const;
  switch (gap.kind) {
    case 'criterion':
      return t(locale, 'assessment.gap.criterion', { level, criterion: bilingual(locale, { zh: gap.textZh, en: gap.textEn }) });
    case 'aiRatio':
      return t(locale, 'assessment.gap.aiRatio', { level, needed: gap.neededPercent, current: gap.currentPercent });
    case 'maturity':
      return t(locale, 'assessment.gap.maturity', { level, needed: gap.needed, current: gap.current });
  }
}
