// Sign-in with OpenID Connect: authorization code with PKCE against config.json's issuer (oidc-client-ts), tokens
// renewed before they expire (with the refresh token when the issuer gives one, else a silent request), sign-out
// at the issuer's end-session endpoint when it has one.
import { UserManager, WebStorageStateStore, type User } from "oidc-client-ts";
import type { AppConfig } from "../config";

let manager: UserManager | undefined;

export function userManager(config: AppConfig): UserManager {
  if (!manager) {
    const origin = window.location.origin;
    manager = new UserManager({
      authority: config.oidc.authority,
      client_id: config.oidc.clientId,
      scope: config.oidc.scope,
      redirect_uri: `${origin}/callback`,
      silent_redirect_uri: `${origin}/callback`,
      post_logout_redirect_uri: `${origin}/signed-out`,
      response_type: "code",
      automaticSilentRenew: true,
      // the session lives as long as the tab: nothing of it is left behind in the browser's profile
      userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    });
  }
  return manager;
}

/** The token the API is sent, as config.json's `oidc.bearer` says. */
export function bearerOf(user: User | null, config: AppConfig): string | undefined {
  if (!user || user.expired) {
    return undefined;
  }
  return config.oidc.bearer === "id_token" ? user.id_token : user.access_token;
}

/** Whether the issuer offers end-session (Cognito has its own logout URL instead; see docs/web.md). */
export async function hasEndSession(um: UserManager): Promise<boolean> {
  try {
    return Boolean(await um.metadataService.getEndSessionEndpoint());
  } catch {
    return false;
  }
}
