// The claims the API reads from a token (docs/api.md, "Who may call what"): `role` (SCHOOL, DISTRICT, CITY,
// EXPERT), `school` (a SCHOOL's; optional for an EXPERT), `district` (a DISTRICT's), `sub`. `custom:`-prefixed names
// (Cognito's custom attributes) are accepted as the API accepts them.

export const ROLES = ["SCHOOL", "DISTRICT", "CITY", "EXPERT"] as const;
export type Role = (typeof ROLES)[number];

export interface Identity {
  sub: string;
  role: Role;
  school?: string;
  district?: string;
  name?: string;
}

/** Why a token cannot be used with the API, or undefined when it can. */
export type Lack = "role" | "school" | "district" | "sub";

function claim(claims: Record<string, unknown>, name: string): string | undefined {
  const value = claims[name] ?? claims[`custom:${name}`];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** The identity a token's claims give, or what they lack for the API. */
export function identityOf(claims: Record<string, unknown>): { identity?: Identity; lacks?: Lack } {
  const sub = claim(claims, "sub");
  const role = claim(claims, "role")?.toUpperCase();
  if (!role || !(ROLES as readonly string[]).includes(role)) {
    return { lacks: "role" };
  }
  if (!sub) {
    return { lacks: "sub" };
  }
  const school = claim(claims, "school");
  const district = claim(claims, "district");
  if (role === "SCHOOL" && !school) {
    return { lacks: "school" };
  }
  if (role === "DISTRICT" && !(district && /^[0-9]{6}$/.test(district))) {
    return { lacks: "district" };
  }
  return {
    identity: {
      sub, role: role as Role, school, district,
      name: claim(claims, "name") ?? claim(claims, "preferred_username"),
    },
  };
}

/** The payload of a JWT (not verified: the API verifies; the client only reads what the token says). */
export function jwtClaims(token: string): Record<string, unknown> {
  const payload = token.split(".")[1];
  if (!payload) {
    return {};
  }
  try {
    const base64 = payload.replaceAll("-", "+").replaceAll("_", "/").padEnd(Math.ceil(payload.length / 4) * 4, "=");
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
