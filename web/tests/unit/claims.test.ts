import { describe, expect, it } from "vitest";
import { identityOf, jwtClaims } from "../../src/auth/claims";

describe("the claims the API needs", () => {
  it("accepts each role with what it needs, custom: names too", () => {
    expect(identityOf({ sub: "s", role: "SCHOOL", school: "AK90200" }).identity)
      .toMatchObject({ role: "SCHOOL", school: "AK90200" });
    expect(identityOf({ sub: "d", "custom:role": "DISTRICT", "custom:district": "610902" }).identity)
      .toMatchObject({ role: "DISTRICT", district: "610902" });
    expect(identityOf({ sub: "c", role: "CITY" }).identity?.role).toBe("CITY");
    expect(identityOf({ sub: "e", role: "EXPERT" }).identity?.role).toBe("EXPERT");
  });

  it("names what a token lacks", () => {
    expect(identityOf({ sub: "x" }).lacks).toBe("role");
    expect(identityOf({ sub: "x", role: "KING" }).lacks).toBe("role");
    expect(identityOf({ sub: "x", role: "SCHOOL" }).lacks).toBe("school");
    expect(identityOf({ sub: "x", role: "DISTRICT", district: "61" }).lacks).toBe("district");
    expect(identityOf({ role: "CITY" }).lacks).toBe("sub");
  });

  it("reads a JWT's payload, UTF-8 included, and nothing from garbage", () => {
    const payload = Buffer.from(JSON.stringify({ sub: "u", name: "张老师" })).toString("base64url");
    expect(jwtClaims(`h.${payload}.s`)).toEqual({ sub: "u", name: "张老师" });
    expect(jwtClaims("garbage")).toEqual({});
    expect(jwtClaims("a.%%%.b")).toEqual({});
  });
});
