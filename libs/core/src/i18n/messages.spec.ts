import { describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { LOCALES, MESSAGES, type MessageKey } from './messages.js';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const CJK = /[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]/;
/**
 * Data, not messages: the demo data set and the seeded catalogue of standards (names and labels in
 * both languages, as users would enter them), the brand in the default sender and the start-up lines.
 */
const DATA = [
  'libs/demo-data/src/',
  'libs/standards/src/seed/',
  'libs/core/src/config/app-config.ts',
  'apps/api/src/main.ts',
  'libs/core/src/i18n/messages.ts',
];

function sources(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const relative = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(relative);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.spec.ts')) found.push(relative);
    }
  };
  for (const dir of ['libs', 'apps/api/src', 'apps/worker/src']) walk(dir);
  return found;
}

/** The string literals and the literal heads of template strings of a file (comments are not code). */
function literals(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      found.push(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the message catalogue', () => {
  const keys = Object.keys(MESSAGES) as MessageKey[];

  it('words every message in every language, with the same placeholders', () => {
    for (const key of keys) {
      for (const locale of LOCALES) expect([key, locale, MESSAGES[key][locale].trim().length > 0]).toEqual([key, locale, true]);
      expect([key, placeholders(MESSAGES[key]['zh-CN'])]).toEqual([key, placeholders(MESSAGES[key].en)]);
    }
  });

  it('has no message the code never names (by its key, or by a template that builds it)', () => {
    const all = sources()
      .filter((f) => !f.endsWith('i18n/messages.ts'))
      .flatMap(literals);
    const exact = new Set(all);
    // `order.action.${action}`: a template head that ends in a dot names every key it can complete.
    const prefixes = all.filter((text) => text.endsWith('.') && /^[a-z]+(\.[A-Za-z_]+)*\.$/.test(text));
    const unused = keys.filter((key) => !exact.has(key) && !prefixes.some((prefix) => key.startsWith(prefix)));
    expect(unused).toEqual([]);
  });

  it('keeps every language-specific text in the catalogue: no Chinese in code, no branch on the locale', () => {
    const offenders: string[] = [];
    for (const file of sources()) {
      if (DATA.some((data) => file.startsWith(data))) continue;
      for (const text of literals(file)) if (CJK.test(text)) offenders.push(`${file}: ${text.slice(0, 40)}`);
      const code = fs.readFileSync(path.join(ROOT, file), 'utf8');
      if (/locale\s*===?\s*['"](en|zh-CN)['"]|['"](en|zh-CN)['"]\s*===?\s*\w*locale/i.test(code))
        offenders.push(`${file}: compares the locale`);
    }
    expect(offenders).toEqual([]);
  });
});
