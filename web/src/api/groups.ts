// Groups (教育集团): register, read, replace with If-Match. openapi.yaml: /groups, /groups/{groupId}.
import type { Schemas } from "./client";
import { api, result, type Result } from "./index";

export type Group = Schemas["Group"];
export type GroupRequest = Schemas["GroupRequest"];
export type GroupType = Schemas["GroupType"];

export const GROUP_TYPES: GroupType[] = [
  "INTEGRATED", "TRUSTEESHIP", "COLLABORATIVE", "CLOSE", "ALLIANCE", "PROJECT", "PARTNERSHIP",
];

export function getGroup(groupId: string): Promise<Result<Group>> {
  return result(api().GET("/groups/{groupId}", { params: { path: { groupId } } }));
}

/** Registers a group; `idempotencyKey` makes a repeated click or a retry after a lost answer register it once. */
export function registerGroup(body: GroupRequest, idempotencyKey: string): Promise<Result<Group>> {
  return result(api().POST("/groups", { body, params: { header: { "Idempotency-Key": idempotencyKey } } }));
}

/** Replaces the group as read with ETag `etag` (412 when someone changed it since). */
export function updateGroup(groupId: string, body: GroupRequest, etag: string): Promise<Result<Group>> {
  return result(api().PUT("/groups/{groupId}", {
    params: { path: { groupId }, header: { "If-Match": etag } }, body,
  }));
}

/** The request body that would replace `group` with its own content. */
export function requestOf(group: Group): GroupRequest {
  const request: GroupRequest = {
    name: group.name, type: group.type, district: group.district,
    coreSchool: { ...group.coreSchool }, memberSchools: group.memberSchools.map((s) => ({ ...s })),
  };
  if (group.contact) {
    request.contact = { ...group.contact };
  }
  return request;
}

/**
 * The groups that list the signed-in school (`GET /groups?school=mine`), active first, then the newest; the first
 * active one whose core school is `school` is the group the school leads.
 */
export async function myGroup(school: string): Promise<Result<Group | undefined>> {
  const answer = await result(api().GET("/groups", { params: { query: { school: "mine" } } }));
  if (!answer.ok) {
    return answer;
  }
  const code = school.toUpperCase();
  const led = answer.data.items.find((g) => g.coreSchool.code === code && (g.status ?? "ACTIVE") === "ACTIVE");
  return { ok: true, status: answer.status, data: led };
}
