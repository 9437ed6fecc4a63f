// The client's runtime configuration, /config.json beside index.html: written at deploy from the stack's outputs
// (AWS) or served by the local stack from its own URL and issuer. Nothing of it is built into the bundle.

export type BearerToken = "access_token" | "id_token";

export interface AppConfig {
  /** The API's base URL, without a trailing slash. */
  apiBaseUrl: string;
  oidc: {
    /** The OIDC issuer (its discovery document is `${authority}/.well-known/openid-configuration`). */
    authority: string;
    clientId: string;
    scope: string;
    /** Which token the API is sent: Cognito puts custom claims only into ID tokens. */
    bearer: BearerToken;
  };
}

let loaded: AppConfig | undefined;

/** Reads /config.json once; a missing or malformed file is an error naming what is wrong. */
export async function loadConfig(): Promise<AppConfig> {
  if (loaded) {
    return loaded;
  }
  const response = await fetch("/config.json", { cache: "no-store" });
  if (!response.ok) {
    throw new Error(`/config.json: HTTP ${response.status}`);
  }
  loaded = parseConfig(await response.json());
  return loaded;
}

export function config(): AppConfig {
  if (!loaded) {
    throw new Error("config.json not loaded yet");
  }
  return loaded;
}

export function parseConfig(value: unknown): AppConfig {
  const v = value as Partial<AppConfig> | null;
  const oidc = v?.oidc;
  if (!v || typeof v.apiBaseUrl !== "string" || !oidc || typeof oidc.authority !== "string"
      || typeof oidc.clientId !== "string") {
    throw new Error("/config.json needs apiBaseUrl and oidc.authority, oidc.clientId");
  }
  const bearer = oidc.bearer ?? "access_token";
  if (bearer !== "access_token" && bearer !== "id_token") {
    throw new Error("/config.json: oidc.bearer must be access_token or id_token");
  }
  return {
    apiBaseUrl: v.apiBaseUrl.replace(/\/+$/, ""),
    oidc: { authority: oidc.authority, clientId: oidc.clientId, scope: oidc.scope ?? "openid profile", bearer },
  };
}
