// The statement of work (工作说明, 附件2) of a group in a cycle: read, save with If-Match, and the 附件2 workbook out
// and in. openapi.yaml: /groups/{groupId}/cycles/{year}/statement[.xlsx].
import type { Schemas } from "./client";
import { api, result, type Result } from "./index";

export type Statement = Schemas["Statement"];
export type StatementRow = Schemas["StatementRow"];

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function getStatement(groupId: string, year: number): Promise<Result<Statement>> {
  return result(api().GET("/groups/{groupId}/cycles/{year}/statement", { params: { path: { groupId, year } } }));
}

/** Saves the rows: the first save without `etag` creates the statement, later ones need the ETag read. */
export function putStatement(groupId: string, year: number, rows: StatementRow[], etag?: string):
  Promise<Result<Statement>> {
  return result(api().PUT("/groups/{groupId}/cycles/{year}/statement", {
    params: { path: { groupId, year }, header: etag ? { "If-Match": etag } : {} }, body: { rows },
  }));
}

/** The statement on the 附件2 form, as a workbook to save. */
export function getStatementXlsx(groupId: string, year: number): Promise<Result<Blob>> {
  return result(api().GET("/groups/{groupId}/cycles/{year}/statement.xlsx", {
    params: { path: { groupId, year } }, parseAs: "blob",
  }));
}

/** Saves the statement from a filled-in 附件2 workbook, with the same If-Match as {@link putStatement}. */
export function putStatementXlsx(groupId: string, year: number, file: Blob, etag?: string):
  Promise<Result<Statement>> {
  return result(api().PUT("/groups/{groupId}/cycles/{year}/statement.xlsx", {
    params: { path: { groupId, year }, header: etag ? { "If-Match": etag } : {} },
    body: file as unknown as string,
    bodySerializer: (body: unknown) => body as Blob,
    headers: { "Content-Type": XLSX },
  }));
}
