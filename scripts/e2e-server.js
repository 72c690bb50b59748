// The server the end-to-end tests drive: the production build on its own, fresh data directory.
import fs from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";

const dataDir = process.env.DATA_DIR ?? "data/e2e";
fs.rmSync(dataDir, { recursive: true, force: true });
process.env.DATA_DIR = dataDir;

// A real SMTP server in this process that keeps every message the app sends as a file,
// <DATA_DIR>/mail/<n>.eml, for the specs to read (e2e/mail.ts). Nothing leaves the machine.
const mailDir = path.join(dataDir, "mail");
fs.mkdirSync(mailDir, { recursive: true });
let received = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, _session, callback) {
    const chunks = [];
    stream.on("data", (chunk) => chunks.push(chunk));
    stream.on("end", () => {
      received += 1;
      const name = `${String(received).padStart(5, "0")}.eml`;
      // Written under a temporary name first, so that a reader never sees half a message.
      fs.writeFileSync(path.join(mailDir, `${name}.part`), Buffer.concat(chunks));
      fs.renameSync(path.join(mailDir, `${name}.part`), path.join(mailDir, name));
      callback();
    });
  },
});
await new Promise((resolve) => smtp.listen(0, "127.0.0.1", resolve));
process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.server.address().port}`;
process.env.MAIL_FROM ??= "Tracker <tracker@e2e.test>";
process.env.PUBLIC_URL ??= `http://localhost:${process.env.PORT ?? 3000}`;

await import("../server.js");
