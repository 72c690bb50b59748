import { prisma } from "#app/utils/db.server.ts";

/** 200 when the database answers, 503 otherwise; never cached. */
export async function loader() {
  const headers = { "Cache-Control": "no-store" };
  try {
    await prisma.$queryRaw`SELECT 1`;
    return Response.json({ status: "ok", db: "ok" }, { headers });
  } catch {
    return Response.json({ status: "error", db: "error" }, { status: 503, headers });
  }
}
