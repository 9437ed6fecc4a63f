// The built-in frameworks as `GET /frameworks/{id}` answers them (written from FrameworkView by the engine itself),
// and the engine's hand-computed sheet fixtures.
import ankangView from "./fixtures/frameworks/ankang-2022.json";
import chengduView from "./fixtures/frameworks/chengdu-2023.json";
import type { Framework, SheetInput } from "@/components/sheet/model";

export const ankang = ankangView as unknown as Framework;
export const chengdu = chengduView as unknown as Framework;

export interface SheetFixture {
  description: string;
  mode: "DRAFT" | "SUBMISSION";
  sheet: SheetInput;
  expected: { total: number; grade?: string; indicators?: Record<string, number> };
}

const fixtureFiles = import.meta.glob<{ default: SheetFixture }>(
  "../../../shared/src/test/resources/sheets/*/*.json", { eager: true });

/** The engine's sheet fixtures of a framework, by file name. */
export function sheetFixtures(frameworkId: string): [string, SheetFixture][] {
  return Object.entries(fixtureFiles)
    .filter(([path]) => path.includes(`/sheets/${frameworkId}/`))
    .map(([path, module]) => [path.slice(path.lastIndexOf("/") + 1), module.default] as [string, SheetFixture])
    .sort(([a], [b]) => a.localeCompare(b));
}

const rawFiles = import.meta.glob<{ default: unknown }>(
  "../../../shared/src/main/resources/frameworks/*/1.json", { eager: true });

/** A built-in framework's definition file as the engine loads it. */
export function frameworkFile(id: string): unknown {
  const entry = Object.entries(rawFiles).find(([path]) => path.includes(`/frameworks/${id}/`));
  if (!entry) throw new Error(`no built-in framework file for ${id}`);
  return entry[1].default;
}
