// The group form's rules, as the API applies them (shared GroupRules; openapi.yaml GroupRequest), and what changed
// between two versions of a group (the 412 dialog).
import type { Group, GroupRequest } from "../../api/groups";
import { GROUP_TYPES } from "../../api/groups";

export const SCHOOL_CODE = /^[A-Za-z0-9]{1,20}$/;
export const DISTRICT_CODE = /^[0-9]{6}$/;
export const PHONE = /^[0-9+()\- ]{5,30}$/;
/** As the API's: a local part, '@', a domain of two or more labels; at most 254 characters. */
export const EMAIL = /^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$/;
export const MAX_NAME = 100;
export const MAX_MEMBERS = 60;

/** Rule keys (group.rules.*) by form path, for every invalid field at once: what the API would refuse. */
export function validateGroup(request: GroupRequest): Record<string, string> {
  const errors: Record<string, string> = {};
  const name = request.name.trim();
  if (name.length < 1 || name.length > MAX_NAME) {
    errors.name = "name";
  }
  if (!GROUP_TYPES.includes(request.type)) {
    errors.type = "type";
  }
  if (!DISTRICT_CODE.test(request.district.trim())) {
    errors.district = "district";
  }
  school(errors, "coreSchool", request.coreSchool);
  if (request.memberSchools.length < 1 || request.memberSchools.length > MAX_MEMBERS) {
    errors.memberSchools = "members";
  }
  const core = request.coreSchool.code.trim().toUpperCase();
  const seen = new Set<string>();
  request.memberSchools.forEach((member, i) => {
    school(errors, `memberSchools.${i}`, member);
    const code = member.code.trim().toUpperCase();
    if (!code || errors[`memberSchools.${i}.code`]) {
      return;
    }
    if (code === core) {
      errors[`memberSchools.${i}.code`] = "coreIsMember";
    } else if (seen.has(code)) {
      errors[`memberSchools.${i}.code`] = "duplicate";
    }
    seen.add(code);
  });
  const contact = request.contact;
  if (contact) {
    if (contact.name && contact.name.trim().length > MAX_NAME) {
      errors["contact.name"] = "contactName";
    }
    if (contact.phone && !PHONE.test(contact.phone.trim())) {
      errors["contact.phone"] = "phone";
    }
    if (contact.email && !(contact.email.trim().length <= 254 && EMAIL.test(contact.email.trim()))) {
      errors["contact.email"] = "email";
    }
  }
  return errors;
}

function school(errors: Record<string, string>, path: string, value: { code: string; name: string }): void {
  if (!SCHOOL_CODE.test(value.code.trim())) {
    errors[`${path}.code`] = "code";
  }
  const name = value.name.trim();
  if (name.length < 1 || name.length > MAX_NAME) {
    errors[`${path}.name`] = "schoolName";
  }
}

/** The request as sent: names trimmed, empty contact fields left out (the API treats absent and empty alike). */
export function cleanRequest(request: GroupRequest): GroupRequest {
  const out: GroupRequest = {
    name: request.name.trim(), type: request.type, district: request.district.trim(),
    coreSchool: { code: request.coreSchool.code.trim(), name: request.coreSchool.name.trim() },
    memberSchools: request.memberSchools.map((s) => ({ code: s.code.trim(), name: s.name.trim() })),
  };
  const contact: NonNullable<GroupRequest["contact"]> = {};
  for (const key of ["name", "phone", "email"] as const) {
    const value = request.contact?.[key]?.trim();
    if (value) {
      contact[key] = value;
    }
  }
  if (Object.keys(contact).length) {
    out.contact = contact;
  }
  return out;
}

export interface Change {
  /** i18n key of the field (group.name, group.memberSchools, …). */
  field: string;
  before: string;
  after: string;
}

function schools(list: { code: string; name: string }[]): string {
  return list.map((s) => `${s.code} ${s.name}`).join("；");
}

/** What differs between the group as the user opened it and as it is now. */
export function groupChanges(before: Group, after: Group, typeName: (t: string) => string): Change[] {
  const changes: Change[] = [];
  const add = (field: string, a: string, b: string) => {
    if (a !== b) {
      changes.push({ field, before: a, after: b });
    }
  };
  add("group.name", before.name, after.name);
  add("group.type", typeName(before.type), typeName(after.type));
  add("group.coreSchool", schools([before.coreSchool]), schools([after.coreSchool]));
  add("group.memberSchools", schools(before.memberSchools), schools(after.memberSchools));
  add("group.contactName", before.contact?.name ?? "", after.contact?.name ?? "");
  add("group.phone", before.contact?.phone ?? "", after.contact?.phone ?? "");
  add("group.email", before.contact?.email ?? "", after.contact?.email ?? "");
  return changes;
}
