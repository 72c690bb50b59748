// The server the end-to-end tests drive: the production build on its own, fresh data directory.
import fs from "node:fs";

const dataDir = process.env.DATA_DIR ?? "data/e2e";
fs.rmSync(dataDir, { recursive: true, force: true });
process.env.DATA_DIR = dataDir;
await import("../server.js");
