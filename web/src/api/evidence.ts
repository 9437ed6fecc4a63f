// Evidence files (印证材料) and their limits: declaration, reading one record, withdrawal (openapi.yaml, Evidence).
import type { ApiClient, Problem, Schemas } from "./client";

export type Evidence = Schemas["Evidence"];
export type EvidenceRecord = Schemas["EvidenceRecord"];
export type DeclaredEvidence = Schemas["DeclaredEvidence"];
export type EvidenceDeclaration = Schemas["EvidenceDeclaration"];
export type EvidenceStatus = Schemas["EvidenceStatus"];

/** The evidence settings a file must meet (docs/evidence.md, Settings); the defaults are the service's defaults. */
export interface EvidenceLimits {
  /** Type codes, e.g. `pdf`, `jpg` (`jpeg` counts as `jpg`). */
  allowedTypes: string[];
  maxBytes: number;
  /** Files per group and cycle that are not withdrawn. */
  maxFiles: number;
}

export const DEFAULT_EVIDENCE_LIMITS: EvidenceLimits = {
  allowedTypes: ["pdf", "jpg", "png", "docx", "xlsx", "pptx", "mp4"],
  maxBytes: 52428800,
  maxFiles: 300,
};

/** The media type the API expects for each type code. */
export const MEDIA_TYPES: Record<string, string> = {
  pdf: "application/pdf",
  jpg: "image/jpeg",
  png: "image/png",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  mp4: "video/mp4",
};

/** A file's type code from its name (`章程.PDF` → `pdf`, `a.jpeg` → `jpg`), or undefined. */
export function typeCode(fileName: string): string | undefined {
  const dot = fileName.lastIndexOf(".");
  if (dot < 0) return undefined;
  const extension = fileName.slice(dot + 1).toLowerCase();
  return extension === "jpeg" ? "jpg" : extension;
}

export function isFinalStatus(status: EvidenceStatus): boolean {
  return status === "VERIFIED" || status === "REJECTED" || status === "WITHDRAWN";
}

/** The API answered a problem instead of the result. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem, readonly status: number) {
    super(problem.detail ?? problem.title ?? problem.type);
    this.name = "ProblemError";
  }
}

function failure(error: unknown, response: Response): never {
  if (error && typeof error === "object" && "type" in error) {
    throw new ProblemError(error as Problem, response.status);
  }
  throw new Error(`the API answered HTTP ${response.status}`);
}

export interface EvidenceApi {
  /** Every file of the group and cycle that is not withdrawn (all pages). */
  list(): Promise<Evidence[]>;
  declare(declaration: EvidenceDeclaration, idempotencyKey: string): Promise<DeclaredEvidence>;
  get(evidenceId: string): Promise<EvidenceRecord>;
  withdraw(evidenceId: string): Promise<void>;
}

/** The evidence routes of one group and cycle. */
export function evidenceApi(client: ApiClient, groupId: string, year: number): EvidenceApi {
  return {
    async list() {
      const items: Evidence[] = [];
      let nextToken: string | undefined;
      do {
        const { data, error, response } = await client.GET("/groups/{groupId}/cycles/{year}/evidence", {
          params: { path: { groupId, year }, query: nextToken ? { limit: 100, nextToken } : { limit: 100 } },
        });
        if (!data) failure(error, response);
        items.push(...data.items);
        nextToken = data.nextToken ?? undefined;
      } while (nextToken);
      return items;
    },
    async declare(declaration, idempotencyKey) {
      const { data, error, response } = await client.POST("/groups/{groupId}/cycles/{year}/evidence", {
        params: { path: { groupId, year }, header: { "Idempotency-Key": idempotencyKey } },
        body: declaration,
      });
      return data ?? failure(error, response);
    },
    async get(evidenceId) {
      const { data, error, response } = await client.GET("/groups/{groupId}/cycles/{year}/evidence/{evidenceId}", {
        params: { path: { groupId, year, evidenceId } },
      });
      return data ?? failure(error, response);
    },
    async withdraw(evidenceId) {
      const { error, response } = await client.DELETE("/groups/{groupId}/cycles/{year}/evidence/{evidenceId}", {
        params: { path: { groupId, year, evidenceId } },
      });
      if (!response.ok) failure(error, response);
    },
  };
}
