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

// The group a school registered, remembered in this browser: the API finds groups by id only (docs/web.md).
const KEY = "groupeval.group.";

export function rememberedGroup(school: string): string | undefined {
  try {
    return window.localStorage.getItem(KEY + school.toUpperCase()) ?? undefined;
  } catch {
    return undefined;
  }
}

export function rememberGroup(school: string, groupId: string): void {
  try {
    window.localStorage.setItem(KEY + school.toUpperCase(), groupId);
  } catch {
    // private mode: the group's address is its bookmark
  }
}
