import { describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { en } from './en.js';
import { zhCN } from './zh-CN.js';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(name, value);
    else for (const [k, v] of flatten(value, name)) out.set(k, v);
  }
  return out;
}

const SRC = path.resolve(import.meta.dirname, '..');

/** The portal's string literals and template heads, outside the locale files and the generated GraphQL types. */
function literals(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!['locales', 'gql'].includes(entry.name)) walk(full);
      } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.spec.ts')) {
        const source = ts.createSourceFile(full, fs.readFileSync(full, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
        const visit = (node: ts.Node) => {
          if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node)) found.push(node.text);
          ts.forEachChild(node, visit);
        };
        visit(source);
      }
    }
  };
  walk(SRC);
  return found;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe("the portal's two locale files", () => {
  const zh = flatten(zhCN);
  const english = flatten(en);

  it('word every key in both languages, with the same placeholders', () => {
    expect([...english.keys()].sort()).toEqual([...zh.keys()].sort());
    for (const [key, text] of zh) {
      expect([key, text.trim().length > 0, english.get(key)!.trim().length > 0]).toEqual([key, true, true]);
      // Plural forms may differ: Chinese has one form where English has two ("1 problem").
      if (!/_(zero|one|two|few|many)$/.test(key)) expect([key, placeholders(text)]).toEqual([key, placeholders(english.get(key)!)]);
    }
  });

  it('have no key the portal never names (by itself, or by a template that builds it)', () => {
    const all = literals();
    const exact = new Set(all);
    const prefixes = all.filter((text) => /^[a-z][A-Za-z]*(\.[A-Za-z_]+)*\.$/.test(text));
    // i18next's plural forms (`count_one`, `count_other`) are named without their suffix.
    const unused = [...zh.keys()].filter((key) => {
      const base = key.replace(/_(zero|one|two|few|many|other)$/, '');
      return !exact.has(key) && !exact.has(base) && !prefixes.some((prefix) => key.startsWith(prefix));
    });
    expect(unused).toEqual([]);
  });
});
