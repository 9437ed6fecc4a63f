// vue-i18n: Chinese by default, English switchable; the choice is remembered in this browser. Only the Chinese
// messages are in the first load: the English ones are a chunk of their own, loaded when English is chosen (or
// remembered) before the app shows it. Element Plus's own texts (date pickers, pagination, dialogs) follow through
// App.vue's ElConfigProvider.
import { createI18n } from "vue-i18n";
import zhCN from "./zh-CN";
import partsZhCN from "./parts/zh-CN";

export const LOCALES = ["zh-CN", "en"] as const;
export type AppLocale = (typeof LOCALES)[number];
const KEY = "groupeval.locale";

export function storedLocale(): AppLocale {
  try {
    const value = window.localStorage.getItem(KEY);
    return value === "en" ? "en" : "zh-CN";
  } catch {
    return "zh-CN";
  }
}

// the shared components' texts (sheet, evidence, statement, result) at the root beside the pages'
const messages = { ...partsZhCN, ...zhCN };
export type AppMessages = typeof messages;

export const i18n = createI18n({
  legacy: false,
  locale: "zh-CN",
  fallbackLocale: "zh-CN",
  messages: { "zh-CN": messages } as Record<AppLocale, AppMessages>,
});

/** Makes `locale`'s messages available (English: its chunk, once). */
export async function loadLocale(locale: AppLocale): Promise<void> {
  if (i18n.global.availableLocales.includes(locale)) {
    return;
  }
  const [pages, parts] = await Promise.all([import("./en"), import("./parts/en")]);
  // the same keys as the Chinese messages (a unit test compares them); only their literal types differ
  i18n.global.setLocaleMessage(locale, { ...parts.default, ...pages.default } as unknown as AppMessages);
}

/** Shows the app in `locale` once its messages are there; remembered in this browser. */
export async function setLocale(locale: AppLocale): Promise<void> {
  await loadLocale(locale);
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  try {
    window.localStorage.setItem(KEY, locale);
  } catch {
    // private mode: the choice lasts for this page only
  }
}
