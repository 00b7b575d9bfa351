import { describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';

/** GitHub's heading anchors: lower case, punctuation dropped (CJK kept), spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_~]/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

function anchors(file: string): Set<string> {
  const text = fs.readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => slug(m[1])));
}

const DOCS = [
  'README.md',
  ...fs
    .readdirSync('docs')
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

describe('the documentation', () => {
  it.each(DOCS)('%s links only to files and headings that exist', (doc) => {
    const text = fs.readFileSync(doc, 'utf8').replace(/```[\s\S]*?```/g, '');
    const broken: string[] = [];
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^(https?:|mailto:)/.test(target)) continue;
      const [file, anchor] = target.split('#') as [string, string | undefined];
      const resolved = file ? path.normalize(path.join(path.dirname(doc), file)) : doc;
      if (!fs.existsSync(resolved)) {
        broken.push(target);
        continue;
      }
      if (anchor && resolved.endsWith('.md') && !anchors(resolved).has(anchor)) broken.push(target);
    }
    expect(broken).toEqual([]);
  });

  it('keeps the README in proportion', () => {
    expect(fs.readFileSync('README.md', 'utf8').split('\n').length).toBeLessThanOrEqual(250);
  });
});
