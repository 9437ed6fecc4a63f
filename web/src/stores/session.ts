// Who is signed in: the OIDC user, the identity its token gives the API, and sign-in/out.
import { defineStore } from "pinia";
import { computed, ref, shallowRef } from "vue";
import type { User } from "oidc-client-ts";
import { config } from "../config";
import { bearerOf, hasEndSession, userManager } from "../auth/oidc";
import { identityOf, jwtClaims, type Identity, type Lack } from "../auth/claims";

export const useSession = defineStore("session", () => {
  const user = shallowRef<User | null>(null);
  const loaded = ref(false);

  const token = computed(() => bearerOf(user.value, config()));
  const claims = computed(() => (token.value ? jwtClaims(token.value) : {}));
  const resolved = computed(() => (token.value ? identityOf(claims.value) : {}));
  const identity = computed<Identity | undefined>(() => resolved.value.identity);
  const lacks = computed<Lack | undefined>(() => resolved.value.lacks);
  const signedIn = computed(() => Boolean(token.value));

  /** Reads the stored user once and follows renewals and expiry. */
  async function load(): Promise<void> {
    if (loaded.value) {
      return;
    }
    const um = userManager(config());
    um.events.addUserLoaded((u) => { user.value = u; });
    um.events.addUserUnloaded(() => { user.value = null; });
    um.events.addAccessTokenExpired(() => { user.value = null; });
    um.events.addSilentRenewError(() => { /* the expiry event follows; the guard then asks to sign in again */ });
    user.value = await um.getUser();
    loaded.value = true;
  }

  /** Off to the issuer's sign-in page; back at /callback, then at `returnTo`. */
  async function signIn(returnTo = "/"): Promise<void> {
    await userManager(config()).signinRedirect({ state: { returnTo } });
  }

  /** Completes the sign-in at /callback; the path to continue to. */
  async function completeSignIn(): Promise<string> {
    const signed = await userManager(config()).signinCallback();
    if (signed) {
      user.value = signed;
    }
    const state = signed?.state as { returnTo?: string } | undefined;
    return state?.returnTo && state.returnTo.startsWith("/") ? state.returnTo : "/";
  }

  /** Signs out here and, where the issuer supports it, at the issuer; ends at /signed-out. */
  async function signOut(): Promise<void> {
    const um = userManager(config());
    const current = user.value;
    user.value = null;
    if (current && (await hasEndSession(um))) {
      await um.signoutRedirect({ id_token_hint: current.id_token });
      return;
    }
    await um.removeUser();
    window.location.assign("/signed-out");
  }

  return { user, identity, lacks, signedIn, token, claims, load, signIn, completeSignIn, signOut };
});
