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
function readWith<T>(blob: Blob, read: (reader: FileReader) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as T);
    reader.onerror = () => reject(reader.error);
    read(reader);
  });
}
if (typeof Blob.prototype.arrayBuffer !== "function") {
  Blob.prototype.arrayBuffer = function arrayBuffer(this: Blob) {
    return readWith<ArrayBuffer>(this, (reader) => reader.readAsArrayBuffer(this));
  };
}
if (typeof Blob.prototype.text !== "function") {
  Blob.prototype.text = function text(this: Blob) {
    return readWith<string>(this, (reader) => reader.readAsText(this));
  };
}
