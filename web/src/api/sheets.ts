// Score sheets (评分表) of a group's stage and the framework they are scored by: read, save a draft with If-Match,
// submit, and the score preview. openapi.yaml: /groups/{groupId}/cycles/{year}/sheets/{stage}[/submit],
// /frameworks/{frameworkId}[/score].
import type { Schemas } from "./client";
import { api, result, type Result } from "./index";

export type Sheet = Schemas["Sheet"];
export type SheetInput = Schemas["SheetInput"];
export type Framework = Schemas["Framework"];
export type ScoredSheet = Schemas["ScoredSheet"];
export type Stage = Schemas["Stage"];

export function getFramework(frameworkId: string, version?: string): Promise<Result<Framework>> {
  return result(api().GET("/frameworks/{frameworkId}", {
    params: { path: { frameworkId }, query: version ? { version } : {} },
  }));
}

/** The sheet scored by the framework; `draft` scores what is filled in and lists what is missing. */
export function scoreSheet(frameworkId: string, input: SheetInput, mode: "draft" | "submission", version?: string):
  Promise<Result<ScoredSheet>> {
  return result(api().POST("/frameworks/{frameworkId}/score", {
    params: { path: { frameworkId }, query: { mode, ...(version ? { version } : {}) } }, body: input,
  }));
}

export function getSheet(groupId: string, year: number, stage: Stage): Promise<Result<Sheet>> {
  return result(api().GET("/groups/{groupId}/cycles/{year}/sheets/{stage}", {
    params: { path: { groupId, year, stage } },
  }));
}

/** Saves the draft: the first save without `etag` creates the sheet, later ones need the ETag read (412 if stale). */
export function saveSheet(groupId: string, year: number, stage: Stage, input: SheetInput, etag?: string):
  Promise<Result<Sheet>> {
  return result(api().PUT("/groups/{groupId}/cycles/{year}/sheets/{stage}", {
    params: { path: { groupId, year, stage }, header: etag ? { "If-Match": etag } : {} }, body: input,
  }));
}

/** Submits (locks) the sheet as saved with ETag `etag`. */
export function submitSheet(groupId: string, year: number, stage: Stage, etag?: string): Promise<Result<Sheet>> {
  return result(api().POST("/groups/{groupId}/cycles/{year}/sheets/{stage}/submit", {
    params: { path: { groupId, year, stage }, header: etag ? { "If-Match": etag } : {} },
  }));
}
