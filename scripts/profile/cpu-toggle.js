// Preloaded into the server by first-view.ts (`node --import`): SIGUSR2 starts the CPU profiler,
// the next SIGUSR2 stops it and writes the profile to CPU_PROFILE_OUT, so that the profile holds
// the measured requests only, not the server's start.
import fs from "node:fs";
import inspector from "node:inspector";

const session = new inspector.Session();
session.connect();
let running = false;
process.on("SIGUSR2", () => {
  if (!running) {
    running = true;
    session.post("Profiler.enable", () => session.post("Profiler.start"));
    return;
  }
  session.post("Profiler.stop", (error, result) => {
    running = false;
    if (!error) fs.writeFileSync(process.env.CPU_PROFILE_OUT, JSON.stringify(result.profile));
  });
});
