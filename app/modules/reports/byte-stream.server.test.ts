import { afterEach, describe, expect, test, vi } from "vitest";
import { byteStream, ExportCancelled } from "./byte-stream.server.ts";

afterEach(() => vi.restoreAllMocks());

async function readAll(stream: ReadableStream<Uint8Array>) {
  return new TextDecoder().decode(await new Response(stream).arrayBuffer());
}

describe("byteStream", () => {
  test("streams what the producer writes, batch after batch", async () => {
    const stream = byteStream("test", async (sink) => {
      for (let batch = 0; batch < 3; batch++) {
        sink.write(`batch ${batch};`);
        await sink.ready();
      }
    });
    expect(await readAll(stream)).toBe("batch 0;batch 1;batch 2;");
  });

  test("waits while the reader is behind: memory holds about a batch", async () => {
    let written = 0;
    const chunk = new Uint8Array(256 * 1024);
    const stream = byteStream("test", async (sink) => {
      for (let batch = 0; batch < 40; batch++) {
        sink.write(chunk);
        written += chunk.byteLength;
        await sink.ready();
      }
    });
    const reader = stream.getReader();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 50));
    // 40 batches of 256 KiB are 10 MiB; unread, the producer stops after a few.
    expect(written).toBeLessThanOrEqual(1024 * 1024);
    let read = 256 * 1024;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      read += value.byteLength;
    }
    expect(read).toBe(40 * 256 * 1024);
  });

  test("an error mid-stream is logged and ends the stream with an error, nothing else", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const stream = byteStream("failing", async (sink) => {
      sink.write("first rows;");
      await sink.ready();
      throw new Error("database went away");
    });
    await expect(readAll(stream)).rejects.toThrow("database went away");
    expect(logged).toHaveBeenCalledWith(
      "Export failing failed while streaming:",
      expect.objectContaining({ message: "database went away" }),
    );
  });

  test("a reader who leaves stops the producer quietly", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    let stopped: unknown;
    const finished = new Promise<void>((resolve) => {
      const stream = byteStream("left", async (sink) => {
        try {
          for (;;) {
            sink.write(new Uint8Array(64 * 1024));
            await sink.ready();
          }
        } catch (error) {
          stopped = error;
          resolve();
          throw error;
        }
      });
      const reader = stream.getReader();
      void reader.read().then(() => reader.cancel());
    });
    await finished;
    expect(stopped).toBeInstanceOf(ExportCancelled);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(logged).not.toHaveBeenCalled();
  });
});
