// The API client the pages use: config.json's API URL, the signed-in user's bearer token (config.oidc.bearer).
import { createApiClient, isProblem, type ApiClient, type Problem } from "./client";
import { config } from "../config";
import { useSession } from "../stores/session";

let client: ApiClient | undefined;

export function api(): ApiClient {
  if (!client) {
    const session = useSession();
    client = createApiClient(config().apiBaseUrl, () => session.token);
  }
  return client;
}

/** An API call's outcome: the body and ETag, or the problem (a network failure is a problem too). */
export type Result<T> = { ok: true; data: T; etag?: string; status: number }
  | { ok: false; problem: Problem; status: number };

/** Turns openapi-fetch's answer into a {@link Result}. */
export async function result<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<Result<T>> {
  let answer: { data?: T; error?: unknown; response: Response };
  try {
    answer = await call;
  } catch (e) {
    return { ok: false, status: 0, problem: networkProblem(e) };
  }
  const { data, error, response } = answer;
  if (response.ok && data !== undefined) {
    return { ok: true, data, etag: response.headers.get("ETag") ?? undefined, status: response.status };
  }
  const problem: Problem = isProblem(error) ? error : {
    type: "urn:groupeval:problem:internal-error", title: response.statusText || "Error", status: response.status,
    detail: typeof error === "string" ? error : `HTTP ${response.status}`,
  };
  return { ok: false, status: response.status, problem };
}

function networkProblem(e: unknown): Problem {
  return {
    type: "urn:groupeval:problem:unavailable", title: "Network error", status: 503,
    detail: e instanceof Error ? e.message : String(e),
  };
}
