// The status form's default day is today in the tracker's zone, not the server's or UTC's, and a
// day after it is refused as "in the future" by the same clock.
import { afterEach, describe, expect, test, vi } from "vitest";
import { RouterContextProvider } from "react-router";
import { userContext } from "#app/modules/auth/auth.server.ts";
import { changeStatus } from "#app/modules/tracking/status-change.server.ts";
import { DEFAULT_TIME_ZONE, setTimeZone } from "#app/utils/dates.ts";
import { prisma } from "#app/utils/db.server.ts";
import { ValidationError } from "#app/utils/domain-errors.ts";
import { createUser } from "#tests/factories.ts";
import { rejection } from "#tests/rejection.ts";
import { loader } from "./detail.tsx";

const ID = "gao-21-322-atf-data";

async function today(): Promise<string> {
  const user = await prisma.user.findFirstOrThrow({ where: { role: "editor" } });
  const context = new RouterContextProvider();
  context.set(userContext, { ...user, locale: null });
  const result = await loader({
    request: new Request(`http://tracker.test/recommendations/${ID}`),
    params: { id: ID },
    context,
  } as unknown as Parameters<typeof loader>[0]);
  return result.today;
}

afterEach(() => {
  vi.useRealTimers();
  setTimeZone(DEFAULT_TIME_ZONE);
});

describe("the default day of a status change", () => {
  test("is today in the tracker's zone, either side of UTC", async () => {
    await createUser({ role: "editor" });
    // 03:00 UTC on 1 April is 21:00 on 31 March in Mexico City, 12:00 on 1 April in Tokyo.
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-04-01T03:00:00Z") });
    expect(await today()).toBe("2026-03-31");
    setTimeZone("Asia/Tokyo");
    expect(await today()).toBe("2026-04-01");
    // 14:30 UTC on 31 March is 23:30 in Tokyo: still the 31st there.
    vi.setSystemTime(new Date("2026-03-31T14:30:00Z"));
    expect(await today()).toBe("2026-03-31");
  });

  test("a day after today in the tracker's zone is in the future, even when UTC has reached it", async () => {
    const editor = await createUser({ role: "editor" });
    const version = async () =>
      (await prisma.recommendation.findUniqueOrThrow({ where: { id: ID } })).version;
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-04-01T03:00:00Z") });
    const base = { recommendationId: ID, toStatus: "stalled", summary: "Checked by phone." };
    const error = await rejection(
      changeStatus(editor.id, {
        ...base,
        expectedVersion: await version(),
        occurredOn: "2026-04-01",
      }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors)).toEqual(["occurredOn"]);
    await changeStatus(editor.id, {
      ...base,
      expectedVersion: await version(),
      occurredOn: "2026-03-31",
    });
  });
});
