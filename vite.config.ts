import { reactRouter } from "@react-router/dev/vite";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig, type Plugin } from "vite";

const exportWorker = "./app/modules/reports/export-worker.server.ts";

function exportWorkerEntry(): Plugin {
  return {
    name: "export-worker-entry",
    applyToEnvironment: (environment) => environment.name === "ssr",
    outputOptions(options) {
      const fixed = options.entryFileNames;
      if (typeof fixed !== "string") return;
      return {
        ...options,
        entryFileNames: (chunk) => (chunk.name === "export-worker" ? "export-worker.js" : fixed),
      };
    },
  };
}

export default defineConfig({
  plugins: [tailwindcss(), reactRouter(), exportWorkerEntry()],
  server: { port: 3000 },
  environments: {
    ssr: {
      build: {
        rollupOptions: {
          input: { index: "virtual:react-router/server-build", "export-worker": exportWorker },
        },
      },
    },
  },
});
