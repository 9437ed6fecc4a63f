// Times as the bureau reads them: Beijing time (Asia/Shanghai, UTC+8 all year), whatever the browser's zone.

const ZONE = "Asia/Shanghai";

const dateTime = new Intl.DateTimeFormat("zh-CN", {
  timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit",
  hour: "2-digit", minute: "2-digit", hourCycle: "h23",
});
const dateOnly = new Intl.DateTimeFormat("zh-CN", {
  timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit",
});

function parts(format: Intl.DateTimeFormat, value: Date): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of format.formatToParts(value)) {
    out[part.type] = part.value;
  }
  return out;
}

function toDate(value: string | number | Date): Date | undefined {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** `2026-11-01 10:00` in Beijing time; an unreadable value is returned as given, never "Invalid Date". */
export function formatDateTime(value: string | number | Date): string {
  const date = toDate(value);
  if (!date) {
    return String(value);
  }
  const p = parts(dateTime, date);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** `2026-11-01` in Beijing time. */
export function formatDate(value: string | number | Date): string {
  const date = toDate(value);
  if (!date) {
    return String(value);
  }
  const p = parts(dateOnly, date);
  return `${p.year}-${p.month}-${p.day}`;
}
