// The year a progress or results page shows: the one the address names, else the current year in Beijing time
// when it has a cycle, else the newest year with a cycle.

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
