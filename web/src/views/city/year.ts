// The year a progress or results page shows (the one the address names, else the current year in Beijing time
// when it has a cycle, else the newest year with a cycle), and the results table's sorting within a page.
import type { GroupResult } from "../../api/cityResults";

/** The current year in Asia/Shanghai. */
export function shanghaiYear(now: Date = new Date()): number {
  return Number(new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", year: "numeric" }).format(now));
}

/** The year to show: `asked` (from the address) when valid, else the current year if it has a cycle, else the newest. */
export function chooseYear(asked: unknown, years: readonly number[], now: Date = new Date()): number | undefined {
  const named = typeof asked === "string" && /^\d{4}$/.test(asked) ? Number(asked) : undefined;
  if (named !== undefined) {
    return named;
  }
  const current = shanghaiYear(now);
  if (years.includes(current)) {
    return current;
  }
  return years.length ? Math.max(...years) : undefined;
}


/**
 * The page's results sorted by `key` (ties, and groups without a score, in rank order; no score counts as lowest),
 * names in Chinese collation (pinyin).
 */
export function sortRows(items: readonly GroupResult[], key: "rank" | "districtRank" | "name" | "score",
  descending: boolean): GroupResult[] {
  const collator = new Intl.Collator("zh-CN");
  const value = (r: GroupResult) => (key === "score" ? r.score ?? Number.NEGATIVE_INFINITY : r[key]);
  return [...items].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    const order = typeof x === "string" && typeof y === "string" ? collator.compare(x, y) : (x as number) - (y as number);
    return (descending ? -order : order) || a.rank - b.rank;
  });
}
