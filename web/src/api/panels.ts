// Expert panels (专家组) of the city stage: seat one panel on many groups, replace a group's panel (If-Match), read
// a group's panel and an expert's declared conflicts, and the city's confirmation of a group's city sheet
// (its decisions on raised flags, then submission). openapi.yaml: /cycles/{year}/panels, /groups/{groupId}/cycles/
// {year}/panel, /experts/{expertSub}/conflicts, /groups/{groupId}/cycles/{year}/sheets/city….
import type { Schemas } from "./client";
import { api, result, type Result } from "./index";

export type PanelExpert = Schemas["PanelExpert"];
export type Panel = Schemas["Panel"];
export type BulkPanelResult = Schemas["BulkPanelResult"];
export type Conflict = Schemas["Conflict"];
export type Sheet = Schemas["Sheet"];
export type SheetInput = Schemas["SheetInput"];

/** Seats `experts` on the panel of every group of `groupIds`; one result per group (some may be refused). */
export function assignPanels(year: number, experts: PanelExpert[], groupIds: string[]): Promise<Result<BulkPanelResult>> {
  return result(api().PUT("/cycles/{year}/panels", { params: { path: { year } }, body: { experts, groupIds } }));
}

export function getPanel(groupId: string, year: number): Promise<Result<Panel>> {
  return result(api().GET("/groups/{groupId}/cycles/{year}/panel", { params: { path: { groupId, year } } }));
}

/** Replaces the group's panel as read with ETag `etag` (none: the group has no panel yet). */
export function assignPanel(groupId: string, year: number, experts: PanelExpert[], etag?: string): Promise<Result<Panel>> {
  return result(api().PUT("/groups/{groupId}/cycles/{year}/panel", {
    params: { path: { groupId, year }, header: etag ? { "If-Match": etag } : {} }, body: { experts },
  }));
}

export function listConflicts(expertSub: string): Promise<Result<Schemas["ConflictList"]>> {
  return result(api().GET("/experts/{expertSub}/conflicts", { params: { path: { expertSub } } }));
}

export function getCitySheet(groupId: string, year: number): Promise<Result<Sheet>> {
  return result(api().GET("/groups/{groupId}/cycles/{year}/sheets/{stage}", {
    params: { path: { groupId, year, stage: "city" } },
  }));
}

/** Saves the city's decisions (bonus, veto, fraud) on the group's city sheet. */
export function saveCitySheet(groupId: string, year: number, body: SheetInput, etag?: string): Promise<Result<Sheet>> {
  return result(api().PUT("/groups/{groupId}/cycles/{year}/sheets/{stage}", {
    params: { path: { groupId, year, stage: "city" }, header: etag ? { "If-Match": etag } : {} }, body,
  }));
}

/** Confirms the group's city stage: the panel's aggregate with the city's decisions becomes the city sheet. */
export function confirmCitySheet(groupId: string, year: number, etag?: string): Promise<Result<Sheet>> {
  return result(api().POST("/groups/{groupId}/cycles/{year}/sheets/{stage}/submit", {
    params: { path: { groupId, year, stage: "city" }, header: etag ? { "If-Match": etag } : {} },
  }));
}
