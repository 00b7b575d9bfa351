import { LRUCache } from 'lru-cache';
import RE2 from 're2';

/**
 * Record schema patterns run on RE2 (the `re2` package), never on JavaScript's
 * RegExp: RE2 matches in time linear in the input (no backtracking), so a
 * pattern such as `^(a+)+$`, which backtracks exponentially in JavaScript and
 * stalled the process for every tenant, answers in microseconds. RE2 has no
 * lookaround and no backreferences: such patterns are refused when a version
 * is saved or published.
 *
 * Linear is not free: RE2 may fall back to simulating the pattern's automaton,
 * which costs about (input length × the pattern's states). Both are bounded:
 *
 * - MAX_PATTERN_INPUT: a longer value is reported (`patternInputTooLong`) and
 *   not run. Patterns describe identifiers, codes and short texts (the seed
 *   standards' longest is 40 characters); free text is limited by maxLength.
 * - MAX_PATTERN_STATES: the states all patterns of one version may need
 *   together, estimated by `patternStates`.
 *
 * Measured here (2 cores, Node 20): the worst patterns within the budget cost
 * about 0.1 s per record of 1,000-character values; without the input bound a
 * 1 MB value took 20 s against `(.{0,90}a){10}b`.
 */
export const MAX_PATTERN_INPUT = 1000;
export const MAX_PATTERN_STATES = 2000;

export type CompiledPattern = { ok: true; regex: RE2 } | { ok: false; reason: string };

// Patterns come from a handful of published versions: compiled once, kept.
const compiled = new LRUCache<string, CompiledPattern>({ max: 1000 });

/** The pattern compiled by RE2 (Unicode mode), or why RE2 refuses it. */
export function compilePattern(pattern: string): CompiledPattern {
  let result = compiled.get(pattern);
  if (!result) {
    try {
      result = { ok: true, regex: new RE2(pattern, 'u') };
    } catch (error) {
      result = { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
    compiled.set(pattern, result);
  }
  return result;
}

/**
 * An estimate (from above) of the automaton states a pattern needs: each
 * literal, escape, class or dot is one; a group is the sum of its
 * alternatives; `x{n,m}` counts x max(n, m) times (`x{n,}` n + 1 times), as
 * RE2 expands it; `*`, `+` and `?` add nothing. Called on patterns RE2
 * compiled, so the syntax is valid; an odd spelling only shifts the estimate.
 */
export function patternStates(pattern: string): number {
  const frames: { done: number; current: number }[] = [{ done: 0, current: 0 }];
  let last = 0; // the size of the last atom, which a quantifier multiplies
  let i = 0;
  const top = () => frames[frames.length - 1];
  const atom = (size: number) => {
    top().current += size;
    last = size;
  };
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '\\') {
      i += escapeLength(pattern, i);
      atom(1);
    } else if (c === '[') {
      i = classEnd(pattern, i);
      atom(1);
    } else if (c === '(') {
      i += 1;
      if (pattern[i] === '?') {
        // (?:  (?<name>  (?P<name>  (?i)  (?i:
        while (i < pattern.length && pattern[i] !== ':' && pattern[i] !== '>' && pattern[i] !== ')') i += 1;
        if (pattern[i] === ')') {
          i += 1; // a flag group alone: nothing to count
          continue;
        }
        i += 1;
      }
      frames.push({ done: 0, current: 0 });
    } else if (c === ')') {
      i += 1;
      if (frames.length === 1) continue;
      const group = frames.pop()!;
      atom(group.done + group.current);
    } else if (c === '|') {
      i += 1;
      top().done += top().current;
      top().current = 0;
      last = 0;
    } else if (c === '*' || c === '+' || c === '?') {
      i += 1;
      if (pattern[i] === '?') i += 1; // lazy
      last = 0;
    } else if (c === '{') {
      const repeat = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
      if (!repeat) {
        i += 1;
        atom(1);
        continue;
      }
      i += repeat[0].length;
      if (pattern[i] === '?') i += 1;
      const min = Number(repeat[1]);
      const times = repeat[2] === undefined ? min : repeat[3] ? Math.max(min, Number(repeat[3])) : min + 1;
      top().current += last * (times - 1);
      last *= times;
    } else {
      i += 1;
      atom(1);
    }
  }
  while (frames.length > 1) {
    const group = frames.pop()!;
    top().current += group.done + group.current;
  }
  return top().done + top().current;
}

/** Length of the escape at `i` (`\d`, `\p{L}`, `\u{1F600}`, `\u0041`, `\x41`, `\cA`). */
function escapeLength(pattern: string, i: number): number {
  const next = pattern[i + 1];
  if ((next === 'p' || next === 'P' || next === 'u' || next === 'x') && pattern[i + 2] === '{') {
    const close = pattern.indexOf('}', i + 3);
    return close < 0 ? pattern.length - i : close - i + 1;
  }
  if (next === 'u') return 6;
  if (next === 'x') return 4;
  if (next === 'c') return 3;
  return 2;
}

/** The index after the character class opening at `i`. */
function classEnd(pattern: string, i: number): number {
  let j = i + 1;
  if (pattern[j] === '^') j += 1;
  while (j < pattern.length && pattern[j] !== ']') {
    j += pattern[j] === '\\' ? escapeLength(pattern, j) : 1;
  }
  return j + 1;
}
