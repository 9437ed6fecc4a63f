// Every component test runs with the components' texts in Chinese (the default language), as the application
// installs them.
import { config } from "@vue/test-utils";
import { createI18n } from "vue-i18n";
import en from "@/i18n/parts/en";
import zhCN from "@/i18n/parts/zh-CN";

config.global.plugins = [createI18n({ legacy: false, locale: "zh-CN", fallbackLocale: "zh-CN",
  messages: { "zh-CN": zhCN, en } })];

// jsdom lacks these; Element Plus's popper and scrollbars use them.
class NoResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= NoResizeObserver as unknown as typeof ResizeObserver;

// jsdom's Blob lacks arrayBuffer() and text(), which browsers and Node have (hashing, CSV import).
if (typeof Blob.prototype.arrayBuffer !== "function") {
  Blob.prototype.arrayBuffer = function arrayBuffer(this: Blob) {
    return new Promise<ArrayBuffer>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as ArrayBuffer);
      reader.onerror = () => reject(reader.error);
      reader.readAsArrayBuffer(this);
    });
  };
}
if (typeof Blob.prototype.text !== "function") {
  Blob.prototype.text = function text(this: Blob) {
    return new Promise<string>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as string);
      reader.onerror = () => reject(reader.error);
      reader.readAsText(this);
    });
  };
}
