import { describe, expect, it, vi } from "vitest";
import { effectScope } from "vue";
import { debounce } from "@/utils/debounce";
import { formatBytes, formatScore, formatShanghaiTime, roundHalfUp, scaleNumber, shiftDecimal, sortMark } from "@/utils/format";
import { usePolling } from "@/composables/usePolling";
import { latestOnly } from "@/composables/latestOnly";

describe("format", () => {
  it("shows scores with two decimals, rounded half-up on the decimal digits", () => {
    expect(formatScore(6)).toBe("6.00");
    expect(formatScore(90.5)).toBe("90.50");
    expect(formatScore(8.665)).toBe("8.67");
    expect(formatScore(1.005)).toBe("1.01");
    expect(formatScore(99.995)).toBe("100.00");
    expect(formatScore("0.125")).toBe("0.13");
    expect(formatScore(undefined)).toBe("—");
    expect(roundHalfUp("-0.001", 2)).toBe("0.00");
  });

  it("moves the decimal point exactly", () => {
    expect(shiftDecimal("0.085", 2)).toBe("8.5");
    expect(shiftDecimal("12.3", -2)).toBe("0.123");
    expect(scaleNumber(85.55, -2)).toBe(0.8555);
    expect(scaleNumber(0.8555, 2)).toBe(85.55);
    expect(scaleNumber(1, 2)).toBe(100);
    expect(scaleNumber(1e-7, 2)).toBe(0.00001);
  });

  it("shows times in Beijing time", () => {
    expect(formatShanghaiTime("2026-03-31T15:59:00Z")).toBe("2026-03-31 23:59");
    expect(formatShanghaiTime("2026-12-31T16:30:00Z")).toBe("2027-01-01 00:30");
  });

  it("shows sizes", () => {
    expect(formatBytes(52428800)).toBe("50 MB");
    expect(formatBytes(1536)).toBe("1.5 KB");
  });
});

describe("debounce", () => {
  it("calls once with the last arguments after a pause", () => {
    vi.useFakeTimers();
    const calls: number[] = [];
    const debounced = debounce((n: number) => calls.push(n), 400);
    debounced(1);
    vi.advanceTimersByTime(300);
    debounced(2);
    vi.advanceTimersByTime(300);
    expect(calls).toEqual([]);
    expect(debounced.pending).toBe(true);
    vi.advanceTimersByTime(100);
    expect(calls).toEqual([2]);
    debounced(3);
    debounced.cancel();
    vi.advanceTimersByTime(1000);
    expect(calls).toEqual([2]);
    debounced(4);
    debounced.flush();
    expect(calls).toEqual([2, 4]);
    vi.useRealTimers();
  });
});

describe("usePolling", () => {
  it("backs off and stops at a final state", async () => {
    vi.useFakeTimers();
    const answers = ["PENDING", "PENDING", "PENDING", "VERIFIED"];
    const asked: number[] = [];
    const scope = effectScope();
    const polling = scope.run(() => usePolling(async () => {
      asked.push(Date.now());
      return answers.shift() ?? "VERIFIED";
    }, { isFinal: (s) => s === "VERIFIED", initialDelayMs: 1000, factor: 2, maxDelayMs: 3000 }))!;
    const start = Date.now();
    polling.start();
    await vi.advanceTimersByTimeAsync(20000);
    expect(asked.map((t) => t - start)).toEqual([1000, 3000, 6000, 9000]);
    expect(polling.value.value).toBe("VERIFIED");
    expect(polling.running.value).toBe(false);
    scope.stop();
    vi.useRealTimers();
  });

  it("keeps going after an error and stops when its scope ends", async () => {
    vi.useFakeTimers();
    let calls = 0;
    const scope = effectScope();
    const polling = scope.run(() => usePolling(async () => {
      calls += 1;
      if (calls === 1) throw new Error("busy");
      return "PENDING";
    }, { isFinal: () => false, initialDelayMs: 100, factor: 1 }))!;
    polling.start();
    await vi.advanceTimersByTimeAsync(100);
    expect(polling.error.value).toBeInstanceOf(Error);
    await vi.advanceTimersByTimeAsync(100);
    expect(polling.value.value).toBe("PENDING");
    expect(polling.error.value).toBeUndefined();
    scope.stop();
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(2);
    expect(polling.running.value).toBe(false);
    vi.useRealTimers();
  });
});

describe("latestOnly", () => {
  it("shows only the answer of the newest read, whatever order the answers arrive in", async () => {
    const read = latestOnly();
    const shown: string[] = [];
    let answerAll!: (v: string) => void;
    let answerDistrict!: (v: string) => void;
    const show = async (answer: Promise<string>) => {
      const ticket = read();
      const value = await answer;
      if (ticket.current()) shown.push(value);
    };
    const all = show(new Promise((r) => { answerAll = r; }));
    const district = show(new Promise((r) => { answerDistrict = r; }));
    answerDistrict("610902 page 1");
    answerAll("all districts page 1");
    await Promise.all([all, district]);
    expect(shown).toEqual(["610902 page 1"]);

    await show(Promise.resolve("610902 page 2"));
    expect(shown).toEqual(["610902 page 1", "610902 page 2"]);
  });
});

describe("sortMark", () => {
  it("marks a heading by its aria-sort", () => {
    expect(sortMark("none")).toBe(" ↕");
    expect(sortMark("ascending")).toBe(" ↑");
    expect(sortMark("descending")).toBe(" ↓");
  });
});
