// Yearly cycles (年度考核周期) as everyone reads them, and one group's participation with its extensions.
// openapi.yaml: /cycles, /cycles/{year}, /cycles/{year}/participants/{groupId}.
import type { Schemas } from "./client";
import { api, result, type Result } from "./index";

export type Cycle = Schemas["Cycle"];
export type Participant = Schemas["Participant"];
export type Extension = Schemas["Extension"];
export type Stage = Schemas["Stage"];

/** Every cycle, newest first. */
export function listCycles(): Promise<Result<Schemas["CycleList"]>> {
  return result(api().GET("/cycles"));
}

export function getCycle(year: number): Promise<Result<Cycle>> {
  return result(api().GET("/cycles/{year}", { params: { path: { year } } }));
}

/** The group's participation in the cycle, with the extensions granted it (404 when it was never enrolled). */
export function getParticipant(year: number, groupId: string): Promise<Result<Participant>> {
  return result(api().GET("/cycles/{year}/participants/{groupId}", { params: { path: { year, groupId } } }));
}
