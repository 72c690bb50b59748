import { RouterContextProvider } from "react-router";
import { afterEach, describe, expect, test } from "vitest";
import { resetEnvCache } from "#app/utils/env.server.ts";
import { requireReader, requireRole, requireUser, userContext } from "./auth.server.ts";

const request = new Request("http://localhost/recommendations?status=stalled");

function contextWith(user: { role: "viewer" | "editor" | "admin" } | null) {
  const context = new RouterContextProvider();
  context.set(
    userContext,
    user ? { id: "u1", email: "u@example.org", name: "U", locale: null, ...user } : null,
  );
  return context;
}

async function thrown(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    return error as Response | { init?: ResponseInit; data?: unknown; type?: string };
  }
  return undefined;
}

afterEach(() => {
  delete process.env.PUBLIC_READ;
  resetEnvCache();
});

describe("role checks", () => {
  test("requireUser sends anonymous visitors to login and back", async () => {
    const error = (await thrown(() => requireUser(contextWith(null), request))) as Response;
    expect(error.status).toBe(302);
    expect(error.headers.get("Location")).toBe(
      `/login?redirectTo=${encodeURIComponent("/recommendations?status=stalled")}`,
    );
  });

  test("requireRole refuses lower roles with 403 and accepts higher ones", async () => {
    const refused = (await thrown(() =>
      requireRole(contextWith({ role: "viewer" }), request, "editor"),
    )) as {
      init: ResponseInit;
    };
    expect(refused.init.status).toBe(403);
    expect(requireRole(contextWith({ role: "admin" }), request, "editor").role).toBe("admin");
    expect(requireRole(contextWith({ role: "editor" }), request, "editor").role).toBe("editor");
  });

  test("requireReader lets anyone read when PUBLIC_READ is on (the default)", () => {
    expect(requireReader(contextWith(null), request)).toBeNull();
  });

  test("with PUBLIC_READ=false anonymous visitors must log in; users read", async () => {
    process.env.PUBLIC_READ = "false";
    resetEnvCache();
    const error = (await thrown(() => requireReader(contextWith(null), request))) as Response;
    expect(error.status).toBe(302);
    expect(error.headers.get("Location")).toMatch(/^\/login\?/);
    expect(requireReader(contextWith({ role: "viewer" }), request)?.role).toBe("viewer");
  });
});
