// The typed client of the API (openapi.yaml at the repository root). `schema.d.ts` beside this file is generated
// from the description by `npm run gen:api` (the build runs it), so a change of the API that the web client does
// not follow fails its type check instead of its users.
import createClient, { type Client } from "openapi-fetch";
import type { components, paths } from "./schema";

/** The API's request and response bodies, by schema name: `Schemas["Group"]`, `Schemas["Problem"]`, … */
export type Schemas = components["schemas"];

/** An RFC 9457 problem (错误说明) as the API answers every refusal. */
export type Problem = Schemas["Problem"];

export type ApiClient = Client<paths>;

/**
 * A client for the API at `baseUrl` (the stack's `ApiUrl`, or `http://localhost:3000` locally) that sends the
 * bearer token `token()` returns, when there is one, with every request.
 */
export function createApiClient(baseUrl: string, token: () => string | undefined): ApiClient {
  const client = createClient<paths>({ baseUrl });
  client.use({
    onRequest({ request }) {
      const current = token();
      if (current) {
        request.headers.set("Authorization", `Bearer ${current}`);
      }
      return request;
    },
  });
  return client;
}

/** Whether a response body is a problem (`application/problem+json`) rather than the operation's result. */
export function isProblem(body: unknown): body is Problem {
  return typeof body === "object" && body !== null && "type" in body && "status" in body
    && typeof (body as { type: unknown }).type === "string"
    && (body as { type: string }).type.startsWith("urn:groupeval:problem:");
}
