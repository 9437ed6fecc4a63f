import { effectScope } from "vue";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DeclaredEvidence, Evidence, EvidenceApi, EvidenceRecord } from "@/api/evidence";
import { ProblemError } from "@/api/evidence";
import { useGroupEvidence } from "@/views/school/useGroupEvidence";

function record(id: string, status: Evidence["status"], extra: Partial<EvidenceRecord> = {}): EvidenceRecord {
  return { evidenceId: id, indicatorId: "A01", title: id, materialNumber: "A01-01", fileName: `${id}.pdf`,
    contentType: "application/pdf", size: 1, status, ...extra } as EvidenceRecord;
}

function fakeApi(states: Record<string, EvidenceRecord[]>, listed: Evidence[] = []): EvidenceApi & { withdrawn: string[] } {
  const withdrawn: string[] = [];
  return {
    withdrawn,
    list: async () => listed,
    declare: async () => { throw new Error("not used"); },
    get: async (id) => (states[id]!.length > 1 ? states[id]!.shift()! : states[id]![0]!),
    withdraw: async (id) => {
      if (id === "locked") {
        throw new ProblemError({ type: "urn:groupeval:problem:self-assessment-submitted", title: "", status: 409 }, 409);
      }
      withdrawn.push(id);
    },
  };
}

describe("a group's evidence on the school's pages", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("lists an upload at once as PENDING and follows it to VERIFIED without the upload URL", async () => {
    const scope = effectScope();
    const store = scope.run(() => useGroupEvidence())!;
    await store.load(fakeApi({ e1: [record("e1", "PENDING"), record("e1", "VERIFIED", { downloadUrl: "http://x" })] }));
    store.uploaded({ ...record("e1", "PENDING"), uploadUrl: "http://up", uploadHeaders: {} } as DeclaredEvidence);
    expect(store.ofIndicator("A01").map((e) => e.status)).toEqual(["PENDING"]);
    expect("uploadUrl" in store.items.value[0]!).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.ofIndicator("A01").map((e) => e.status)).toEqual(["PENDING"]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(store.items.value.map((e) => e.status)).toEqual(["VERIFIED"]);
    expect("downloadUrl" in store.items.value[0]!).toBe(false);
    scope.stop();
  });

  it("follows the files still PENDING when the list is read, and only those", async () => {
    const scope = effectScope();
    const store = scope.run(() => useGroupEvidence())!;
    const api = fakeApi({ p: [record("p", "REJECTED", { reason: "not a PDF" })] },
      [record("p", "PENDING"), record("v", "VERIFIED")]);
    const get = vi.spyOn(api, "get");
    await store.load(api);
    await vi.advanceTimersByTimeAsync(1000);
    expect(get.mock.calls.map((c) => c[0])).toEqual(["p"]);
    expect(store.items.value.find((e) => e.evidenceId === "p")?.reason).toBe("not a PDF");
    scope.stop();
  });

  it("drops a withdrawn file, and keeps it with the refusal when the API refuses", async () => {
    const scope = effectScope();
    const store = scope.run(() => useGroupEvidence())!;
    const api = fakeApi({}, [record("a", "VERIFIED"), record("locked", "VERIFIED")]);
    await store.load(api);
    expect(await store.withdraw(store.items.value[0]!)).toBe(true);
    expect(api.withdrawn).toEqual(["a"]);
    expect(await store.withdraw(store.items.value[0]!)).toBe(false);
    expect(store.items.value.map((e) => e.evidenceId)).toEqual(["locked"]);
    expect(store.problem.value?.status).toBe(409);
    scope.stop();
  });
});
