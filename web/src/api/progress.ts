// The progress of a year's stages (进度): openapi.yaml /cycles/{year}/progress. CITY sees every district (or one),
// a DISTRICT its own whatever it names.
import type { Schemas } from "./client";
import { api, result, type Result } from "./index";

export type Progress = Schemas["Progress"];
export type ProgressStage = Progress["stages"][number];
export type ProgressCounts = Schemas["ProgressCounts"];
export type PanelProgress = Progress["panels"][number];
export type Stage = Schemas["Stage"];

export const STAGES: Stage[] = ["self", "district", "city"];

export function getProgress(year: number, district?: string): Promise<Result<Progress>> {
  return result(api().GET("/cycles/{year}/progress", {
    params: { path: { year }, query: district ? { district } : {} },
  }));
}

/** The years that have a cycle, newest first. */
export async function listCycleYears(): Promise<Result<number[]>> {
  const answer = await result(api().GET("/cycles"));
  return answer.ok ? { ...answer, data: answer.data.items.map((c) => c.year) } : answer;
}
