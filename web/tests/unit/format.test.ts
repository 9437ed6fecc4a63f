import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime } from "../../src/utils/time";
import { formatScore } from "../../src/utils/scores";

describe("times in Beijing time", () => {
  it("shows an instant in Asia/Shanghai whatever the zone it was written in", () => {
    expect(formatDateTime("2026-08-31T15:59:59Z")).toBe("2026-08-31 23:59");
    expect(formatDateTime("2026-08-31T16:00:00Z")).toBe("2026-09-01 00:00");
    expect(formatDateTime("2026-09-01T00:00:00+08:00")).toBe("2026-09-01 00:00");
    expect(formatDate("2026-12-31T16:30:00Z")).toBe("2027-01-01");
  });

  it("returns an unreadable value as given", () => {
    expect(formatDateTime("not a time")).toBe("not a time");
  });
});

describe("scores with two decimals", () => {
  it("pads and rounds half up as decimals", () => {
    expect(formatScore("98")).toBe("98.00");
    expect(formatScore("90.5")).toBe("90.50");
    expect(formatScore("2.675")).toBe("2.68");
    expect(formatScore("2.674")).toBe("2.67");
    expect(formatScore("99.995")).toBe("100.00");
    expect(formatScore("-1.005")).toBe("-1.01");
    expect(formatScore("-0.001")).toBe("0.00");
    expect(formatScore(90.5)).toBe("90.50");
    expect(formatScore(0.1 + 0.2)).toBe("0.30");
  });

  it("shows a dash for no score and anything else as given", () => {
    expect(formatScore(null)).toBe("—");
    expect(formatScore(undefined)).toBe("—");
    expect(formatScore("n/a")).toBe("n/a");
  });
});
