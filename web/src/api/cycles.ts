// Cycles (年度考核周期): list, read, open and change a year's settings (If-Match), the frameworks a cycle pins, the
// year's participants (enrol, withdraw), extensions and progress. openapi.yaml: /cycles…, /frameworks….
import type { Schemas } from "./client";
import { api, result, type Result } from "./index";

export type Cycle = Schemas["Cycle"];
export type CycleRequest = Schemas["CycleRequest"];
export type CyclePatch = Schemas["CyclePatch"];
export type AwardSettings = Schemas["AwardSettings"];
export type PanelSettings = Schemas["PanelSettings"];
export type Deadlines = Schemas["Deadlines"];
export type FrameworkSummary = Schemas["FrameworkSummary"];
export type Framework = Schemas["Framework"];
export type Participant = Schemas["Participant"];
export type ParticipantPage = Schemas["ParticipantPage"];
export type ParticipantRequest = Schemas["ParticipantRequest"];
export type Extension = Schemas["Extension"];
export type ExtensionRequest = Schemas["ExtensionRequest"];
export type Progress = Schemas["Progress"];
export type Stage = Schemas["Stage"];

export function listCycles(): Promise<Result<Schemas["CycleList"]>> {
  return result(api().GET("/cycles"));
}

export function getCycle(year: number): Promise<Result<Cycle>> {
  return result(api().GET("/cycles/{year}", { params: { path: { year } } }));
}

/** Opens a cycle; `idempotencyKey` makes a repeated click or a retry after a lost answer open it once. */
export function createCycle(body: CycleRequest, idempotencyKey: string): Promise<Result<Cycle>> {
  return result(api().POST("/cycles", { body, params: { header: { "Idempotency-Key": idempotencyKey } } }));
}

/** Changes the members of `patch` of the cycle as read with ETag `etag` (412 when someone changed it since). */
export function updateCycle(year: number, patch: CyclePatch, etag: string): Promise<Result<Cycle>> {
  return result(api().PATCH("/cycles/{year}", { params: { path: { year }, header: { "If-Match": etag } }, body: patch }));
}

export function listFrameworks(): Promise<Result<Schemas["FrameworkList"]>> {
  return result(api().GET("/frameworks"));
}

export function getFramework(frameworkId: string, version?: string): Promise<Result<Framework>> {
  return result(api().GET("/frameworks/{frameworkId}", {
    params: { path: { frameworkId }, query: version ? { version } : {} },
  }));
}

/** One page of the cycle's participants (of one district when named); pass the page's `nextToken` for the next. */
export function listParticipants(year: number, query: { district?: string; limit?: number; nextToken?: string }):
Promise<Result<ParticipantPage>> {
  return result(api().GET("/cycles/{year}/participants", { params: { path: { year }, query } }));
}

/** The group's participation in the cycle, with the extensions granted it (404 when it was never enrolled). */
export function getParticipant(year: number, groupId: string): Promise<Result<Participant>> {
  return result(api().GET("/cycles/{year}/participants/{groupId}", { params: { path: { year, groupId } } }));
}

/** Enrols or withdraws a group; `etag` is the participation's as read (none for a group never enrolled). */
export function changeParticipant(year: number, groupId: string, body: ParticipantRequest, etag?: string):
Promise<Result<Participant>> {
  return result(api().PUT("/cycles/{year}/participants/{groupId}", {
    params: { path: { year, groupId }, header: etag ? { "If-Match": etag } : {} }, body,
  }));
}

export function grantExtension(year: number, body: ExtensionRequest, idempotencyKey: string): Promise<Result<Extension>> {
  return result(api().POST("/cycles/{year}/extensions", {
    params: { path: { year }, header: { "Idempotency-Key": idempotencyKey } }, body,
  }));
}

export function getProgress(year: number): Promise<Result<Progress>> {
  return result(api().GET("/cycles/{year}/progress", { params: { path: { year } } }));
}
