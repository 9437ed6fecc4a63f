// vue-i18n: Chinese by default, English switchable; the choice is remembered in this browser. Element Plus's own
// texts (date pickers, pagination, dialogs) follow through App.vue's ElConfigProvider.
import { createI18n } from "vue-i18n";
import zhCN from "./zh-CN";
import en from "./en";
import partsZhCN from "./parts/zh-CN";
import partsEn from "./parts/en";

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

export const i18n = createI18n({
  legacy: false,
  locale: storedLocale(),
  fallbackLocale: "zh-CN",
  // the shared components' texts (grades, the result card, …) at the root, beside the pages' own groups
  messages: { "zh-CN": { ...partsZhCN, ...zhCN }, en: { ...partsEn, ...en } },
});

export function setLocale(locale: AppLocale): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  try {
    window.localStorage.setItem(KEY, locale);
  } catch {
    // private mode: the choice lasts for this page only
  }
}
