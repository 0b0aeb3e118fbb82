import { databaseIsReachable } from "@/server/health";

export const dynamic = "force-dynamic";

export async function GET() {
  if (await databaseIsReachable()) return Response.json({ status: "ok" });
  return Response.json({ status: "database unavailable" }, { status: 503 });
}
