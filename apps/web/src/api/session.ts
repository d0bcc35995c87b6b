/**
 * The browser's session. The access token lives in memory only; the refresh token is an HttpOnly,
 * SameSite=Strict cookie scoped to /api/auth/web that script cannot read. Refresh and sign-out
 * carry the double-submit CSRF token (a readable cookie echoed in a header).
 */
export interface WebSession {
  accessToken: string;
  expiresIn: number;
  /** An admin has reset the password: nothing but choosing a new one is allowed until then. */
  mustChangePassword: boolean;
}

/** What signing in tells the console. */
export interface SignedIn {
  /** The person must choose a new password (POST /api/users/me/password) before anything else. */
  mustChangePassword: boolean;
}

const CSRF_COOKIE = 'csrf_token';
export const CSRF_HEADER = 'X-CSRF-Token';

let accessToken: string | null = null;
let passwordChangeRequired = false;
const passwordListeners = new Set<() => void>();
let refreshing: Promise<string | null> | null = null;
const listeners = new Set<(signedIn: boolean) => void>();

export function currentAccessToken(): string | null {
  return accessToken;
}

export function onSessionChange(listener: (signedIn: boolean) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function setAccessToken(token: string | null): void {
  const changed = (token === null) !== (accessToken === null);
  accessToken = token;
  if (changed) listeners.forEach((listener) => listener(token !== null));
}

/** An admin has reset the password: the console shows 设置新密码 until the person has chosen one. */
export function mustChangePassword(): boolean {
  return passwordChangeRequired;
}

export function onPasswordChangeRequired(listener: () => void): () => void {
  passwordListeners.add(listener);
  return () => passwordListeners.delete(listener);
}

/** Set from a sign-in or refresh answer, or from a 403 PASSWORD_CHANGE_REQUIRED; cleared once changed. */
export function setPasswordChangeRequired(required: boolean): void {
  if (required === passwordChangeRequired) return;
  passwordChangeRequired = required;
  passwordListeners.forEach((listener) => listener());
}

function csrfToken(): string {
  const match = document.cookie.split('; ').find((part) => part.startsWith(`${CSRF_COOKIE}=`));
  return match ? decodeURIComponent(match.slice(CSRF_COOKIE.length + 1)) : '';
}

export class SignInError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export async function signIn(username: string, password: string): Promise<SignedIn> {
  const response = await fetch('/api/auth/web/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { message?: string };
    throw new SignInError(body.message ?? '登录失败', response.status);
  }
  const session = (await response.json()) as WebSession;
  setAccessToken(session.accessToken);
  setPasswordChangeRequired(session.mustChangePassword === true);
  return { mustChangePassword: session.mustChangePassword === true };
}

/** A new access token from the refresh cookie, or null when there is no live session. One at a time. */
export function refreshSession(): Promise<string | null> {
  refreshing ??= (async () => {
    try {
      const response = await fetch('/api/auth/web/refresh', {
        method: 'POST',
        headers: { [CSRF_HEADER]: csrfToken() },
        credentials: 'same-origin',
      });
      const session = response.ok ? ((await response.json()) as WebSession) : null;
      setAccessToken(session?.accessToken ?? null);
      setPasswordChangeRequired(session?.mustChangePassword === true);
      return accessToken;
    } catch {
      return accessToken;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

export async function signOut(): Promise<void> {
  await fetch('/api/auth/web/logout', {
    method: 'POST',
    headers: { [CSRF_HEADER]: csrfToken() },
    credentials: 'same-origin',
  }).catch(() => undefined);
  setAccessToken(null);
  setPasswordChangeRequired(false);
}
