// The review of a group by its district and the city's experts: the cycle and its framework, the stage sheets
// (read, draft with If-Match, submit), the score preview, the group's evidence, its audit trail, and the district's
// participants and progress. openapi.yaml: /cycles/{year}, /cycles/{year}/participants, /cycles/{year}/progress,
// /groups/{groupId}/cycles/{year}/sheets/…, /groups/{groupId}/cycles/{year}/evidence, /groups/{groupId}/cycles/{year}/audit,
// /frameworks/{frameworkId}.
import type { Schemas } from "./client";
import { api, result, type Result } from "./index";

export type Cycle = Schemas["Cycle"];
export type Participant = Schemas["Participant"];
export type ParticipantPage = Schemas["ParticipantPage"];
export type Progress = Schemas["Progress"];
export type Sheet = Schemas["Sheet"];
export type SheetInput = Schemas["SheetInput"];
export type ScoredSheet = Schemas["ScoredSheet"];
export type Framework = Schemas["Framework"];
export type AuditRecord = Schemas["AuditRecord"];
export type AuditPage = Schemas["AuditPage"];
export type EvidencePage = Schemas["EvidencePage"];
export type Panel = Schemas["Panel"];
export type Stage = "self" | "district" | "city";

export function getCycle(year: number): Promise<Result<Cycle>> {
  return result(api().GET("/cycles/{year}", { params: { path: { year } } }));
}

export function getFramework(frameworkId: string, version?: string): Promise<Result<Framework>> {
  return result(api().GET("/frameworks/{frameworkId}", {
    params: { path: { frameworkId }, query: version ? { version } : {} },
  }));
}

/** The score of `input` as a draft (nothing is saved): the live preview of a sheet being filled in. */
export function previewScore(frameworkId: string, version: string | undefined, input: SheetInput): Promise<Result<ScoredSheet>> {
  return result(api().POST("/frameworks/{frameworkId}/score", {
    params: { path: { frameworkId }, query: { mode: "draft", ...(version ? { version } : {}) } },
    body: input,
  }));
}

/** One page of the cycle's participants of `district` (a district reviewer sees only its own anyway). */
export function listParticipants(year: number, options: { district?: string; limit?: number; nextToken?: string } = {})
  : Promise<Result<ParticipantPage>> {
  return result(api().GET("/cycles/{year}/participants", {
    params: { path: { year }, query: { district: options.district, limit: options.limit, nextToken: options.nextToken } },
  }));
}

export function getProgress(year: number, district?: string): Promise<Result<Progress>> {
  return result(api().GET("/cycles/{year}/progress", { params: { path: { year }, query: { district } } }));
}

export function getStageSheet(groupId: string, year: number, stage: Stage): Promise<Result<Sheet>> {
  return result(api().GET("/groups/{groupId}/cycles/{year}/sheets/{stage}", {
    params: { path: { groupId, year, stage } },
  }));
}

/** Saves a stage's draft; the first save needs no `etag`, later ones the ETag read (412 when someone saved since). */
export function saveStageSheet(groupId: string, year: number, stage: Stage, input: SheetInput, etag?: string)
  : Promise<Result<Sheet>> {
  return result(api().PUT("/groups/{groupId}/cycles/{year}/sheets/{stage}", {
    params: { path: { groupId, year, stage }, header: etag ? { "If-Match": etag } : {} },
    body: input,
  }));
}

/** Submits a stage's sheet as saved; the district states its recommendation. */
export function submitStageSheet(groupId: string, year: number, stage: Stage, recommend?: boolean, etag?: string)
  : Promise<Result<Sheet>> {
  return result(api().POST("/groups/{groupId}/cycles/{year}/sheets/{stage}/submit", {
    params: { path: { groupId, year, stage }, header: etag ? { "If-Match": etag } : {} },
    body: recommend === undefined ? {} : { recommend },
  }));
}

export function getExpertSheet(groupId: string, year: number, expertSub: string): Promise<Result<Sheet>> {
  return result(api().GET("/groups/{groupId}/cycles/{year}/sheets/city/experts/{expertSub}", {
    params: { path: { groupId, year, expertSub } },
  }));
}

export function saveExpertSheet(groupId: string, year: number, expertSub: string, input: SheetInput, etag?: string)
  : Promise<Result<Sheet>> {
  return result(api().PUT("/groups/{groupId}/cycles/{year}/sheets/city/experts/{expertSub}", {
    params: { path: { groupId, year, expertSub }, header: etag ? { "If-Match": etag } : {} },
    body: input,
  }));
}

export function submitExpertSheet(groupId: string, year: number, expertSub: string, etag?: string): Promise<Result<Sheet>> {
  return result(api().POST("/groups/{groupId}/cycles/{year}/sheets/city/experts/{expertSub}/submit", {
    params: { path: { groupId, year, expertSub }, header: etag ? { "If-Match": etag } : {} },
    body: {},
  }));
}

export function getPanel(groupId: string, year: number): Promise<Result<Panel>> {
  return result(api().GET("/groups/{groupId}/cycles/{year}/panel", { params: { path: { groupId, year } } }));
}

/** One page of the group's evidence files of the cycle (not withdrawn). */
export function listEvidence(groupId: string, year: number, nextToken?: string): Promise<Result<EvidencePage>> {
  return result(api().GET("/groups/{groupId}/cycles/{year}/evidence", {
    params: { path: { groupId, year }, query: { limit: 100, nextToken } },
  }));
}

/** One page of the group's audit trail, oldest first. */
export function getAudit(groupId: string, year: number, nextToken?: string): Promise<Result<AuditPage>> {
  return result(api().GET("/groups/{groupId}/cycles/{year}/audit", {
    params: { path: { groupId, year }, query: { limit: 100, nextToken } },
  }));
}

/** Every cycle, newest year first. */
export function listCycles(): Promise<Result<Schemas["CycleList"]>> {
  return result(api().GET("/cycles"));
}
