// An expert's work: the panels they sit on with their own sheet's status, and their declared conflicts of interest.
// openapi.yaml: /experts/{expertSub}/assignments, /experts/{expertSub}/conflicts.
import type { Schemas } from "./client";
import { api, result, type Result } from "./index";

export type Assignment = Schemas["AssignmentList"]["items"][number];
export type Conflict = Schemas["Conflict"];
export type ConflictRequest = Schemas["ConflictRequest"];
export type DeclaredConflict = Schemas["DeclaredConflict"];

export function listAssignments(expertSub: string, year?: number): Promise<Result<Schemas["AssignmentList"]>> {
  return result(api().GET("/experts/{expertSub}/assignments", {
    params: { path: { expertSub }, query: year ? { year } : {} },
  }));
}

export function listConflicts(expertSub: string): Promise<Result<Schemas["ConflictList"]>> {
  return result(api().GET("/experts/{expertSub}/conflicts", { params: { path: { expertSub } } }));
}

export function declareConflict(expertSub: string, body: ConflictRequest): Promise<Result<DeclaredConflict>> {
  return result(api().POST("/experts/{expertSub}/conflicts", { params: { path: { expertSub } }, body }));
}
