import { createI18n } from 'vue-i18n';
import { enUS } from './en-US.js';
import { zhCN } from './zh-CN.js';

export const locales = ['zh-CN', 'en-US'] as const;
export type AppLocale = (typeof locales)[number];

const storageKey = 'linli.locale';

function initialLocale(): AppLocale {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(storageKey);
  return stored === 'en-US' ? 'en-US' : 'zh-CN';
}

/** Simplified Chinese by default; English only when the user picked it. */
export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, 'en-US': enUS },
  missingWarn: false,
  fallbackWarn: false,
});

export function setLocale(locale: AppLocale): void {
  i18n.global.locale.value = locale;
  localStorage.setItem(storageKey, locale);
  document.documentElement.lang = locale;
}
