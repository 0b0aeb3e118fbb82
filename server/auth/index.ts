import { cache } from "react";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import Resend from "next-auth/providers/resend";
import { getDb } from "@/db";
import { accounts, users, verificationTokens } from "@/db/schema";
import { authenticate, sendMagicLink } from "@/server/domain/auth/account";
import { endSession, openSession, SESSION_MAX_AGE_SECONDS, sessionIsCurrent } from "@/server/domain/auth/sessions";
import { env, secureCookies } from "@/config/env";
import { clientIp } from "./client-ip";

class ThrottledSignIn extends CredentialsSignin {
  code = "throttled";
}

/** The request's session, read once per server render: layouts, pages and the header share it. */
export const currentSession = cache(() => auth());

export const { handlers, auth, signIn, signOut } = NextAuth(async () => {
  const db = await getDb();
  return {
    adapter: DrizzleAdapter(db, {
      usersTable: users,
      accountsTable: accounts,
      verificationTokensTable: verificationTokens,
    }),
    secret: env().authSecret,
    trustHost: true,
    // In production the cookie is Secure whatever X-Forwarded-Proto a proxy sends (APP_URL is https there).
    useSecureCookies: secureCookies(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/connexion", verifyRequest: "/connexion/verifier", error: "/connexion" },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(credentials, request) {
          const email = typeof credentials.email === "string" ? credentials.email : "";
          const password = typeof credentials.password === "string" ? credentials.password : "";
          if (!email || !password) return null;
          const result = await authenticate({ email, password, ip: clientIp(request.headers) });
          if (!result.ok && result.reason === "throttled") throw new ThrottledSignIn();
          return result.ok ? { id: result.user.id, email: result.user.email, name: result.user.name } : null;
        },
      }),
      Resend({
        apiKey: "delivered-through-the-outbox",
        from: env().EMAIL_FROM,
        maxAge: 24 * 60 * 60,
        sendVerificationRequest: ({ identifier, url, request }) => sendMagicLink(identifier, url, clientIp(request.headers)),
      }),
    ],
    callbacks: {
      // Checked on every request: a session signed out, or older than the account's last password
      // change or "sign out everywhere", is dropped (null clears the cookie).
      async jwt({ token, user }) {
        if (user?.id) return { ...token, ...(await openSession(user.id)) };
        return (await sessionIsCurrent(token)) ? token : null;
      },
      session({ session, token }) {
        session.user.id = token.uid ?? "";
        session.user.isOperator = token.isOperator ?? false;
        return session;
      },
    },
    events: {
      async signOut(message) {
        if ("token" in message && message.token) await endSession(message.token);
      },
    },
  };
});
