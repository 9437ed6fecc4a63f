// Localised framework names (each has zh and en) in the language the user chose.
import { useI18n } from "vue-i18n";
import type { LocalizedText } from "./model";

export function useLocalized() {
  const { locale } = useI18n();
  return (text: LocalizedText | undefined): string =>
    text ? (String(locale.value).startsWith("zh") ? text.zh : text.en) : "";
}
