import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en.js';
import { zhCN } from './locales/zh-CN.js';

export type Locale = 'zh-CN' | 'en';
const STORAGE_KEY = 'anchorlink.locale';

/** The remembered choice, else the browser's language; Chinese unless it asks for English. */
export function initialLocale(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'zh-CN' || saved === 'en') return saved;
  return navigator.language.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

export function rememberLocale(locale: Locale): void {
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
  void i18next.changeLanguage(locale);
}

void i18next.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initialLocale(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18next.language;

export function currentLocale(): Locale {
  return i18next.language === 'en' ? 'en' : 'zh-CN';
}

/** Numbers and dates in the user's locale; decimals stay strings until shown. */
export function formatDecimal(value: string | null | undefined, locale: Locale): string {
  if (value === null || value === undefined) return '–';
  // A numeric string is formatted exactly (Intl.NumberFormat v3), never through a float.
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 6 }).format(value as Intl.StringNumericLiteral);
}

export function formatDateTime(value: string | null | undefined, locale: Locale): string {
  if (!value) return '–';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value));
}

export function formatDate(value: string | null | undefined, locale: Locale): string {
  if (!value) return '–';
  // A calendar date (no time zone): formatted as such, not shifted by the browser's zone.
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`));
}

export default i18next;
