import { startEmbeddedPostgres } from "#app/modules/db/embedded-postgres.server.ts";
const db = await startEmbeddedPostgres("data/bench");
console.log(db.url("bench_10000"));
process.on("SIGTERM", async () => {
  await db.stop();
  process.exit(0);
});
setInterval(() => {}, 1000);
