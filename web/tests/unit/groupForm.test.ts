import { describe, expect, it } from "vitest";
import type { Group, GroupRequest } from "../../src/api/groups";
import { cleanRequest, groupChanges, validateGroup } from "../../src/views/school/groupForm";

const valid: GroupRequest = {
  name: "汉滨实验教育集团", type: "INTEGRATED", district: "610902",
  coreSchool: { code: "AK90200", name: "汉滨实验小学" }, memberSchools: [{ code: "M1", name: "成员一校" }],
};

describe("the group form's rules (as the API's)", () => {
  it("accepts a valid group", () => {
    expect(validateGroup(valid)).toEqual({});
  });

  it("lists every invalid field at once", () => {
    const errors = validateGroup({
      name: " ", type: "INTEGRATED", district: "61090",
      coreSchool: { code: "AK-1", name: "" },
      memberSchools: [{ code: "m1", name: "a" }, { code: "M1", name: "b" }, { code: "ak90200", name: "c" }],
      contact: { phone: "12", email: "a@b" },
    });
    expect(errors).toEqual({
      name: "name", district: "district", "coreSchool.code": "code", "coreSchool.name": "schoolName",
      "memberSchools.1.code": "duplicate", "contact.phone": "phone", "contact.email": "email",
    });
    expect(validateGroup({ ...valid, coreSchool: { code: "M1", name: "x" } })["memberSchools.0.code"]).toBe("coreIsMember");
    expect(validateGroup({ ...valid, memberSchools: [] }).memberSchools).toBe("members");
    expect(validateGroup({ ...valid, memberSchools: Array.from({ length: 61 }, (_, i) => ({ code: `S${i}`, name: "n" })) })
      .memberSchools).toBe("members");
  });

  it("sends trimmed values and leaves out an empty contact", () => {
    expect(cleanRequest({ ...valid, name: " 集团 ", contact: { name: " ", phone: "", email: "" } }))
      .toEqual({ ...valid, name: "集团" });
    expect(cleanRequest({ ...valid, contact: { name: "王老师 " } }).contact).toEqual({ name: "王老师" });
  });

  it("lists what someone else changed", () => {
    const before: Group = { ...valid, groupId: "g-1", createdAt: "", updatedAt: "", version: 1 };
    const after: Group = { ...before, name: "新名称", memberSchools: [...valid.memberSchools, { code: "M2", name: "二校" }], version: 2 };
    expect(groupChanges(before, after, (t) => t)).toEqual([
      { field: "group.name", before: valid.name, after: "新名称" },
      { field: "group.memberSchools", before: "M1 成员一校", after: "M1 成员一校；M2 二校" },
    ]);
    expect(groupChanges(before, { ...before, version: 2 }, (t) => t)).toEqual([]);
  });
});
