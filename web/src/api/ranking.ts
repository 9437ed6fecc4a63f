// The annual ranking (排名): run it now, the year's runs and the latest, publish a revision (with the override for
// stages still open). openapi.yaml: /cycles/{year}/rankings….
import type { Schemas } from "./client";
import { api, result, type Result } from "./index";

export type RankingRun = Schemas["RankingRunView"];
export type RankingRunOutcome = Schemas["RankingRunOutcome"];
export type PoolOutcome = Schemas["PoolOutcome"];
export type OpenStage = Schemas["OpenStage"];

export function runRanking(year: number): Promise<Result<RankingRunOutcome>> {
  return result(api().POST("/cycles/{year}/rankings", { params: { path: { year } } }));
}

export function listRankings(year: number): Promise<Result<Schemas["RankingRunList"]>> {
  return result(api().GET("/cycles/{year}/rankings", { params: { path: { year } } }));
}

export function latestRanking(year: number): Promise<Result<RankingRun>> {
  return result(api().GET("/cycles/{year}/rankings/latest", { params: { path: { year } } }));
}

/** Publishes a revision; `allowOpenStages` publishes although stages are open (recorded on the publication). */
export function publishRanking(year: number, revision: number, allowOpenStages: boolean): Promise<Result<RankingRunOutcome>> {
  return result(api().POST("/cycles/{year}/rankings/{revision}/publish", {
    params: { path: { year, revision }, query: allowOpenStages ? { allowOpenStages: true } : {} },
  }));
}

export type GroupResult = Schemas["GroupResult"];

/** One group's result in a revision (CITY: any complete revision). */
export function getResult(year: number, groupId: string, revision?: number): Promise<Result<GroupResult>> {
  return result(api().GET("/cycles/{year}/results/{groupId}", {
    params: { path: { year, groupId }, query: revision ? { revision } : {} },
  }));
}
