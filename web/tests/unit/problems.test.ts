// @vitest-environment node
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { describeProblem, fieldErrors, PROBLEM_MESSAGES, pointerToPath, problemSlug } from "../../src/api/problems";

const spec = readFileSync(fileURLToPath(new URL("../../../openapi.yaml", import.meta.url)), "utf8");

describe("problem messages", () => {
  it("has a Chinese and an English message for every problem type openapi.yaml names", () => {
    const types = new Set([...spec.matchAll(/urn:groupeval:problem:([a-z]+(?:-[a-z]+)*)/g)].map((m) => m[1]));
    expect(types.size).toBeGreaterThan(30);
    const missing = [...types].filter((type) => !PROBLEM_MESSAGES[type!]);
    expect(missing).toEqual([]);
    for (const type of types) {
      const message = PROBLEM_MESSAGES[type!]!;
      expect(message["zh-CN"]).toMatch(/[\u4e00-\u9fff]/);
      expect(message.en).not.toBe("");
    }
  });

  it("shows the type's message with the API's detail beneath, the detail alone for an unknown type", () => {
    const known = describeProblem({ type: "urn:groupeval:problem:busy", title: "Busy", status: 503,
      detail: "Try again." }, "zh-CN");
    expect(known.message).toBe(PROBLEM_MESSAGES.busy!["zh-CN"]);
    expect(known.detail).toBe("Try again.");
    const english = describeProblem({ type: "urn:groupeval:problem:busy", title: "Busy", status: 503, detail: "x" }, "en");
    expect(english.message).toBe(PROBLEM_MESSAGES.busy!.en);
    const unknown = describeProblem({ type: "urn:groupeval:problem:brand-new", title: "New", status: 422,
      detail: "What to do." }, "zh-CN");
    expect(unknown).toEqual({ message: "What to do.", detail: undefined, requestId: undefined });
    const fault = describeProblem({ type: "urn:groupeval:problem:internal-error", title: "Internal", status: 500,
      detail: "failed", requestId: "r-1" }, "zh-CN");
    expect(fault.requestId).toBe("r-1");
  });

  it("puts field errors at form paths from their JSON pointers, joining two of one field", () => {
    expect(pointerToPath("/memberSchools/1/code")).toBe("memberSchools.1.code");
    expect(pointerToPath("/a~1b/c~0d")).toBe("a/b.c~d");
    expect(fieldErrors({ type: "urn:groupeval:problem:validation-failed", title: "Invalid", status: 400, detail: "2",
      errors: [{ pointer: "/name", message: "required" }, { pointer: "/memberSchools/0/code", message: "bad" },
        { pointer: "/memberSchools/0/code", message: "twice" }] }))
      .toEqual({ name: "required", "memberSchools.0.code": "bad；twice" });
    expect(problemSlug("urn:groupeval:problem:not-found")).toBe("not-found");
  });
});
