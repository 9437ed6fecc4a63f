// The year's results as the city and the districts read them (考核结果): one page of the table at a time, every
// result for the charts, the cycle's framework (grade bands) and the exports.
// openapi.yaml: /cycles/{year}/results[.csv|.xlsx], /cycles/{year}, /frameworks/{id}.
import type { Problem, Schemas } from "./client";
import { api, result, type Result } from "./index";

export type GroupResult = Schemas["GroupResult"];
export type ResultsPage = Schemas["ResultsPage"];
export type Grade = Schemas["Grade"];
export type Cycle = Schemas["Cycle"];
export type Framework = Schemas["Framework"];
export type GradeBand = Framework["gradeBands"][number];

export const GRADES: Grade[] = ["EXCELLENT", "GOOD", "PASS", "FAIL"];

/** The table's filters, as the API takes them (absent: every one). */
export interface ResultFilters {
  district?: string;
  grade?: Grade;
  awarded?: boolean;
}

function query(filters: ResultFilters): { district?: string; grade?: Grade; awarded?: boolean } {
  const q: { district?: string; grade?: Grade; awarded?: boolean } = {};
  if (filters.district) q.district = filters.district;
  if (filters.grade) q.grade = filters.grade;
  if (filters.awarded !== undefined) q.awarded = filters.awarded;
  return q;
}

/** One page of results in rank order (`nextToken` from the page before). */
export function listResults(year: number, filters: ResultFilters, limit: number, nextToken?: string)
  : Promise<Result<ResultsPage>> {
  // the route answers CSV or a workbook too (by Accept): this asks for the JSON page
  const call = api().GET("/cycles/{year}/results", {
    params: { path: { year }, query: { ...query(filters), limit, ...(nextToken ? { nextToken } : {}) } },
    headers: { Accept: "application/json" },
  });
  return result(call as Promise<{ data?: ResultsPage; error?: unknown; response: Response }>);
}

/** Every result of the year the caller may read (the charts'), in pages of 500: one request per page. */
export async function listAllResults(year: number): Promise<Result<ResultsPage>> {
  let first: ResultsPage | undefined;
  let nextToken: string | undefined;
  const items: GroupResult[] = [];
  do {
    const page = await listResults(year, {}, 500, nextToken);
    if (!page.ok) {
      return page;
    }
    first ??= page.data;
    items.push(...page.data.items);
    nextToken = page.data.nextToken ?? undefined;
  } while (nextToken);
  return { ok: true, status: 200, data: { ...first!, items, nextToken: undefined } };
}

export function getCycle(year: number): Promise<Result<Cycle>> {
  return result(api().GET("/cycles/{year}", { params: { path: { year } } }));
}

export function getFramework(frameworkId: string, version: string): Promise<Result<Framework>> {
  return result(api().GET("/frameworks/{frameworkId}", {
    params: { path: { frameworkId }, query: { version } },
  }));
}

/** A downloaded export: its content and the file name the API gave it. */
export interface Download {
  blob: Blob;
  fileName: string;
}

/**
 * The results as a file (CSV or workbook), fetched with the bearer token (a link cannot carry it): the filters of
 * the table apply; the name is the one of `Content-Disposition`.
 */
export async function exportResults(year: number, format: "csv" | "xlsx", filters: ResultFilters)
  : Promise<Result<Download>> {
  const params = { path: { year }, query: query(filters) };
  const call = format === "csv"
    ? api().GET("/cycles/{year}/results.csv", { params, parseAs: "blob" })
    : api().GET("/cycles/{year}/results.xlsx", { params, parseAs: "blob" });
  const answer = await result(call as Promise<{ data?: Blob; error?: unknown; response: Response }>);
  if (!answer.ok) {
    return answer;
  }
  const blob = answer.data;
  const header = (await call).response.headers.get("Content-Disposition");
  return { ok: true, status: answer.status, data: { blob, fileName: fileNameOf(header, `results-${year}.${format}`) } };
}

/** The file name of a `Content-Disposition` header (`filename*=UTF-8''…` preferred, else `filename="…"`). */
export function fileNameOf(header: string | null | undefined, fallback: string): string {
  if (!header) {
    return fallback;
  }
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // a malformed encoding: the plain name below
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/.exec(header);
  const name = plain?.[1]?.replace(/\\(.)/g, "$1") ?? plain?.[2]?.trim();
  return name && !/[/\\]/.test(name) ? name : fallback;
}

/** Saves a downloaded file in the browser (an object URL clicked as a link, then released). */
export function saveDownload(download: Download): void {
  const url = URL.createObjectURL(download.blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = download.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export type { Problem };
