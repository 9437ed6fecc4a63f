// A group's published result (考核结果). openapi.yaml: /cycles/{year}/results/{groupId}; a school reads only the
// published revision (404 before publication).
import type { Schemas } from "./client";
import { api, result, type Result } from "./index";

export type GroupResult = Schemas["GroupResult"];

export function getResult(year: number, groupId: string): Promise<Result<GroupResult>> {
  return result(api().GET("/cycles/{year}/results/{groupId}", { params: { path: { year, groupId } } }));
}

/** The group's published results over the years, oldest first (a school sees published years only). */
export function getResultHistory(groupId: string): Promise<Result<Schemas["ResultHistory"]>> {
  return result(api().GET("/groups/{groupId}/results", { params: { path: { groupId } } }));
}
