export interface SemVer {
  major: number;
  minor: number;
  patch: number;
}

const SEMVER = /^(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})$/;

/** MAJOR.MINOR.PATCH with no leading zeros, pre-release or build parts; null otherwise. */
export function parseSemVer(text: string): SemVer | null {
  const match = SEMVER.exec(text.trim());
  return match ? { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) } : null;
}

export function compareSemVer(a: SemVer, b: SemVer): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

export function formatSemVer(v: SemVer): string {
  return `${v.major}.${v.minor}.${v.patch}`;
}

export type Bump = 'major' | 'minor' | 'patch' | 'none';

/** The kind of step from `from` to `to` (`none` when `to` is not greater). */
export function bumpBetween(from: SemVer, to: SemVer): Bump {
  if (compareSemVer(to, from) <= 0) return 'none';
  if (to.major > from.major) return 'major';
  if (to.minor > from.minor) return 'minor';
  return 'patch';
}
