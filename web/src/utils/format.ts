// How the client shows numbers and times: scores with two decimals (half-up, as the API rounds), times in Beijing
// time (Asia/Shanghai) whatever the browser's own time zone.

/** A score (分) with exactly two decimals, rounded half-up on its decimal digits: `6` → `6.00`, `8.665` → `8.67`. */
export function formatScore(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === "") {
    return "—";
  }
  return roundHalfUp(String(value), 2);
}

/** `value` (a decimal string) rounded half-up to `places` decimals, computed on its digits, not in binary. */
export function roundHalfUp(value: string, places: number): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(value.trim());
  if (!match) {
    return value;
  }
  const [, sign, whole = "0", fraction = "", exponent] = match;
  const plain = exponent ? shiftDecimal(`${whole}.${fraction}`, Number(exponent)) : `${whole}.${fraction}`;
  const [w = "0", f = ""] = plain.split(".");
  const digits = (w + f.padEnd(places + 1, "0")).split("").map(Number);
  const keep = w.length + places;
  const roundUp = (digits[keep] ?? 0) >= 5;
  const kept = digits.slice(0, keep);
  if (roundUp) {
    let i = kept.length - 1;
    while (i >= 0) {
      const d = (kept[i] ?? 0) + 1;
      kept[i] = d % 10;
      if (d < 10) break;
      i -= 1;
    }
    if (i < 0) kept.unshift(1);
  }
  const intLength = kept.length - places;
  const intPart = kept.slice(0, intLength).join("").replace(/^0+(?=\d)/, "") || "0";
  const fracPart = kept.slice(intLength).join("");
  const isZero = /^0*$/.test(intPart + fracPart);
  return `${sign && !isZero ? "-" : ""}${intPart}${places > 0 ? "." + fracPart : ""}`;
}

/**
 * Moves the decimal point of a decimal string by `places` (positive: to the right), exactly: `shiftDecimal("0.085",
 * 2)` is `"8.5"`, `shiftDecimal("12.3", -2)` is `"0.123"` — no binary floating point on the way.
 */
export function shiftDecimal(value: string, places: number): string {
  const negative = value.startsWith("-");
  const [whole = "0", fraction = ""] = (negative ? value.slice(1) : value).split(".");
  let digits = whole + fraction;
  let point = whole.length + places;
  if (point < 0) {
    digits = "0".repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) {
    digits = digits.padEnd(point, "0");
  }
  const intPart = digits.slice(0, point).replace(/^0+(?=\d)/, "") || "0";
  const fracPart = digits.slice(point).replace(/0+$/, "");
  return `${negative ? "-" : ""}${intPart}${fracPart ? "." + fracPart : ""}`;
}

/** `value` × 10^places as a number, computed exactly on the decimal digits (percent ↔ ratio). */
export function scaleNumber(value: number, places: number): number {
  return Number(shiftDecimal(plainDecimal(value), places));
}

/** A number's decimal digits without an exponent (`1e-7` → `"0.0000001"`). */
function plainDecimal(value: number): string {
  const text = String(value);
  const match = /^(-?\d+(?:\.\d+)?)[eE]([+-]?\d+)$/.exec(text);
  return match ? shiftDecimal(match[1] ?? "0", Number(match[2])) : text;
}

const shanghai = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
});

/** An instant (ISO-8601) in Beijing time, `2026-03-31 23:59`. */
export function formatShanghaiTime(instant: string | Date | null | undefined): string {
  if (!instant) {
    return "—";
  }
  const date = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(date.getTime())) {
    return String(instant);
  }
  const parts = Object.fromEntries(shanghai.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** A file size in MB or KB (`52428800` → `50 MB`). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) {
    return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  }
  if (bytes >= 1024) {
    return `${Number((bytes / 1024).toFixed(1))} KB`;
  }
  return `${bytes} B`;
}

/** The mark beside a sortable column's heading for its `aria-sort`: ↕ unsorted, ↑ ascending, ↓ descending. */
export function sortMark(direction: "ascending" | "descending" | "none"): string {
  return direction === "none" ? " ↕" : direction === "descending" ? " ↓" : " ↑";
}
