// The HTTP server: starts the database (embedded unless DATABASE_URL is set), migrates and seeds
// it, then serves the React Router app. `node server.js --dev` serves through Vite instead of the
// production build.
const dev = process.argv.includes("--dev");
// Set before React loads, or it picks its development build.
process.env.NODE_ENV ??= dev ? "development" : "production";

const fs = await import("node:fs");
const path = await import("node:path");
// Settings from a local .env file, if there is one (see .env.example); the environment wins.
if (fs.existsSync(".env")) process.loadEnvFile(".env");
const { default: express } = await import("express");
const { default: compression } = await import("compression");
const { constants: zlib } = await import("node:zlib");
const { createRequestHandler } = await import("@react-router/express");
const { RouterContextProvider } = await import("react-router");
const { randomBytes } = await import("node:crypto");

const production = process.env.NODE_ENV === "production";
const app = express();
app.disable("x-powered-by");
// Brotli where the browser takes it, else gzip: pages, scripts, styles, CSV and JSON exports.
// PDF and XLSX files are compressed already and pass as they are. Quality 4 keeps the CPU cost
// of compressing every page low.
app.use(compression({ brotli: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } } }));
if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);

// Every request gets an id, sent back as X-Request-Id, logged with any error it meets and shown
// on the error page as its reference. Behind a trusted proxy (TRUST_PROXY), the proxy's own id is
// kept when it looks like one, so that both logs name the request alike.
app.use((req, res, next) => {
  const incoming = process.env.TRUST_PROXY ? req.get("x-request-id") : undefined;
  req.id = incoming && /^[\w.:-]{1,64}$/.test(incoming) ? incoming : randomBytes(6).toString("hex");
  res.setHeader("X-Request-Id", req.id);
  next();
});

// A response sent before its request's body was read (a redirect to the login page, a refusal)
// leaves the rest of the body on the connection; closing it then resets the connection under a
// client still sending, which never reads the answer. Read and drop the rest instead (what was
// listening for it is detached: nothing keeps it), up to 64 MB; past that, close the connection.
const DRAIN_BYTES = 64 * 1024 * 1024;
app.use((req, res, next) => {
  res.on("finish", () => {
    if (req.complete || req.destroyed) return;
    let dropped = 0;
    req.removeAllListeners("data");
    req.on("data", (chunk) => {
      dropped += chunk.length;
      if (dropped > DRAIN_BYTES) req.destroy();
    });
    req.resume();
  });
  next();
});

// Headers for every response, static files included. The app itself adds its
// Content-Security-Policy (with a per-request nonce) in app/utils/security.server.ts.
app.use((req, res, next) => {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  // The embeds (/embed/*) are meant to be framed by other sites: their own policy says so.
  if (!req.path.startsWith("/embed/")) res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (production) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  next();
});

// Only the site itself may post to it: with SameSite=Lax cookies, this is the defence against
// cross-site request forgery (docs/decisions/0009-csrf-by-origin-and-samesite.md). React Router
// refuses such posts too, but with a 400 and a logged stack trace; this answers 403 first. With a
// TLS proxy, set TRUST_PROXY so that the request's scheme matches the browser's Origin.
// The one exception is the one-click unsubscribe of a digest (RFC 8058, /unsubscribe/<token>):
// mail programs post it from wherever they run, and it needs no session (the token in the path
// is the key), so a forged post could do nothing its token does not already allow. Its Origin is
// dropped so that React Router's own check lets it through too.
const ONE_CLICK_UNSUBSCRIBE = /^\/unsubscribe\/[a-z2-7]{32}$/;
app.use((req, res, next) => {
  if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return next();
  if (req.method === "POST" && ONE_CLICK_UNSUBSCRIBE.test(req.path)) {
    delete req.headers.origin;
    return next();
  }
  const origin = req.get("origin");
  const sameOrigin = !origin || origin === `${req.protocol}://${req.get("host")}`;
  const crossSite = !origin && req.get("sec-fetch-site") === "cross-site";
  if (!sameOrigin || crossSite) {
    res.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    res.status(403).type("text/plain").send("Forbidden: cross-origin request refused");
    return;
  }
  next();
});

const staticHeaders = (res) =>
  res.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");

let build;
let entry;
if (dev) {
  const vite = await import("vite");
  const server = await vite.createServer({ server: { middlewareMode: true } });
  app.use(server.middlewares);
  const load = () => server.environments.ssr.runner.import("virtual:react-router/server-build");
  build = load;
  entry = (await load()).entry.module;
} else {
  const buildPath = path.resolve("build", "server", "index.js");
  build = await import(buildPath);
  entry = build.entry.module;
  app.use(
    "/assets",
    express.static("build/client/assets", {
      immutable: true,
      maxAge: "1y",
      setHeaders: staticHeaders,
    }),
  );
  // The few files beside the assets (public/: the favicon), listed once, so that every other
  // address goes straight to the app instead of through a failed look on the disk first.
  const topFiles = new Set(
    fs
      .readdirSync("build/client", { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => `/${entry.name}`),
  );
  const topStatic = express.static("build/client", { maxAge: "1h", setHeaders: staticHeaders });
  app.use((req, res, next) => (topFiles.has(req.path) ? topStatic(req, res, next) : next()));
}

let database;
try {
  database = await entry.startDatabase();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
// An export thread ready before the first export asks for one (reports/export-pool.server.ts).
entry.startExportThreads();

app.all(
  "*",
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV,
    // The client's address (for login rate limits), as Express sees it with TRUST_PROXY.
    getLoadContext: (req) => {
      const context = new RouterContextProvider();
      context.set(entry.clientIpContext, req.ip ?? "unknown");
      context.set(entry.requestIdContext, req.id);
      return context;
    },
  }),
);

// Express's own refusals (a path whose escapes are not UTF-8, "%ff"): a plain 400, without the
// stack trace Express would print. Anything else is a bug of the server's: logged, a bare 500.
app.use((error, req, res, next) => {
  if (res.headersSent) return next(error);
  const status = error.status >= 400 && error.status < 500 ? error.status : 500;
  if (status === 500)
    console.error(`Error while handling ${req.method} ${req.path} (${req.id}):`, error);
  res.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  res
    .status(status)
    .type("text/plain")
    .send(status === 500 ? `Server error. Reference: ${req.id}` : "Bad request");
});

const port = Number(process.env.PORT ?? 3000);
const server = app.listen(port, () => {
  console.log(`Recommendation tracker ready on http://localhost:${port}`);
});

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal} received: stopping`);
  server.close();
  server.closeAllConnections?.();
  await database.stop().catch((error) => console.error(error));
  process.exit(0);
}
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
