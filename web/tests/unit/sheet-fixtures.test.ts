// The whole form against the scoring engine's own fixtures (shared/src/test/resources/sheets): a user who enters a
// fixture's sheet through the widgets produces the very input the engine scored to the fixture's expected total,
// so the page sends what the API scores.
import { afterEach, describe, expect, it } from "vitest";
import type { Framework, SheetInput } from "@/components/sheet/model";
import { fieldLabel } from "@/components/sheet/model";
import { scaleNumber } from "@/utils/format";
import { ankang, chengdu, frameworkFile, sheetFixtures, type SheetFixture } from "./frameworks";
import { byLabel, choose, clickText, fillRule, inputLabelled, mountSheet, type Form } from "./sheetDriver";

afterEach(() => {
  document.body.innerHTML = "";
});

type Json = unknown;

/**
 * The fixture's input as the form writes it: a ratio is entered as a percentage (`{"ratio": 0.8555}` →
 * `{"percent": 85.55}`, which the engine reads as the same ratio exactly, docs/frameworks.md), checked items in the
 * rule's order; `recommend` is the workflow's, not the form's.
 */
function asTheFormWritesIt(value: Json): Json {
  if (Array.isArray(value)) return value.map(asTheFormWritesIt);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value as Record<string, Json>);
  if (entries.length === 1 && entries[0]![0] === "ratio") {
    return { percent: scaleNumber(entries[0]![1] as number, 2) };
  }
  return Object.fromEntries(entries.filter(([k]) => k !== "recommend")
    .map(([k, v]) => [k, k === "checked" ? [...(v as string[])].sort() : asTheFormWritesIt(v)]));
}

function sortedChecks(value: Json): Json {
  return asTheFormWritesIt(JSON.parse(JSON.stringify(value)));
}

async function enter(form: Form, framework: Framework, sheet: SheetInput) {
  for (const category of framework.categories) {
    for (const indicator of category.indicators) {
      const input = sheet.indicators?.[indicator.id];
      if (input) await fillRule(form, indicator.rule, input, `${indicator.id} ${indicator.name.zh}`);
    }
  }
  const bonus = sheet.bonus;
  const claims = bonus ? (bonus.items ?? [bonus]) : [];
  for (const [index, claim] of claims.entries()) {
    await clickText(byLabel(form, "加分项"), "button", "添加加分项");
    const points = framework.bonus.levels?.find((l) => l.level === claim.level)?.points ?? 0;
    const names = { NATIONAL: "国家级", PROVINCIAL: "省级", CITY: "市级", DISTRICT: "区级" } as const;
    await choose(form, `加分项：第 ${index + 1} 项加分级别`, `${names[claim.level!]}（${points.toFixed(2)}）`);
    await inputLabelled(form, `加分项：第 ${index + 1} 项加分理由`).setValue(claim.reason ?? "");
  }
  for (const [key, title] of [["veto", "一票否决"], ["fraud", "弄虚作假"]] as const) {
    const sanction = sheet[key];
    if (sanction?.applied) {
      await byLabel(form, fieldLabel(title, "适用")).trigger("click");
      await inputLabelled(form, fieldLabel(title, "理由")).setValue(sanction.reason ?? "");
    }
  }
}

describe.each([["ankang-2022", ankang], ["chengdu-2023", chengdu]] as const)("%s", (id, framework) => {
  const fixtures = sheetFixtures(id);

  it("has the engine's fixtures", () => {
    expect(fixtures.length).toBeGreaterThan(10);
  });

  it.each(fixtures)("%s: the form writes the sheet the engine scores as expected", async (_name, fixture: SheetFixture) => {
    const { wrapper, model } = mountSheet(framework, {});
    await enter(wrapper, framework, fixture.sheet);
    expect(sortedChecks(model())).toEqual(sortedChecks(fixture.sheet));
    expect(typeof fixture.expected.total).toBe("number");
  }, 60000);
});

/** Every member of `definition` is in `view` with the same value (the view adds `input` and band labels). */
function expectWithin(definition: Json, view: Json, path: string) {
  if (Array.isArray(definition)) {
    expect(Array.isArray(view), path).toBe(true);
    expect((view as Json[]).length, path).toBe(definition.length);
    definition.forEach((d, i) => expectWithin(d, (view as Json[])[i], `${path}/${i}`));
  } else if (definition !== null && typeof definition === "object") {
    for (const [key, value] of Object.entries(definition as Record<string, Json>)) {
      if (key === "source" || key === "gradeBands") continue;
      expectWithin(value, (view as Record<string, Json>)[key], `${path}/${key}`);
    }
  } else {
    expect(view, path).toEqual(definition);
  }
}

describe("the frameworks' views the tests render", () => {
  it.each([["ankang-2022", ankang], ["chengdu-2023", chengdu]] as const)(
    "%s matches its definition file", (id, view) => {
      expectWithin(frameworkFile(id), view, "");
    });
});
