import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  interface Session {
    user: { id: string; isOperator: boolean } & DefaultSession["user"];
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    uid?: string;
    isOperator?: boolean;
    /** Session version and id, checked on each request (server/domain/auth/sessions.ts). */
    sv?: number;
    sid?: string;
  }
}
