// Fetching a page that a person typed into the tracker, without letting that address reach the
// server's own network: the name is resolved here, every address it has is checked, and the
// connection goes to the checked address (no second lookup a DNS answer could change between the
// check and the connection). Every redirect is checked the same way.
import { createHash } from "node:crypto";
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import type { LookupFunction } from "node:net";
import { fileTypeFromBuffer } from "file-type";
import ipaddr from "ipaddr.js";

export const MAX_ARCHIVE_BYTES = 25 * 1024 * 1024;
export const ARCHIVE_TIMEOUT_MS = 30_000;
export const MAX_REDIRECTS = 5;

export type FetchFailureReason =
  | "bad_url"
  | "refused_address"
  | "unreachable"
  | "timeout"
  | "too_large"
  | "type_not_kept"
  | "too_many_redirects"
  | "http_error";

export type FetchedCopy = {
  ok: true;
  requestedUrl: string;
  finalUrl: string;
  httpStatus: number;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  fetchedAt: Date;
  data: Buffer;
};

export type FetchFailure = {
  ok: false;
  requestedUrl: string;
  reason: FetchFailureReason;
  /** For people reading logs and the link-health list; never shown as the only explanation. */
  detail: string;
  finalUrl: string | null;
  httpStatus: number | null;
  fetchedAt: Date;
};

export type FetchOutcome = FetchedCopy | FetchFailure;

export type SafeFetchOptions = {
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /**
   * Hosts ("127.0.0.1", or "127.0.0.1:4567" for one port) that may be reached although their
   * address is not public. For tests only; the default is ARCHIVE_ALLOW_PRIVATE_HOSTS.
   */
  allowPrivateHosts?: readonly string[];
  /**
   * Only the allowed hosts may be fetched at all, public ones refused too: test runs, which must
   * never reach the internet. The default is ARCHIVE_ONLY_ALLOWED_HOSTS.
   */
  onlyAllowedHosts?: boolean;
};

/**
 * TEST-ONLY: ARCHIVE_ALLOW_PRIVATE_HOSTS, a comma-separated list of hosts (with an optional port)
 * that archiving may reach on a private or loopback address. Only the test runs set it (vitest and
 * playwright.config.ts's web server), so that they can archive pages from a local server; a real
 * deployment must never set it. Read once at start.
 */
const ENV_ALLOWED_PRIVATE_HOSTS = parseHostList(process.env.ARCHIVE_ALLOW_PRIVATE_HOSTS);
/** TEST-ONLY: "true" refuses every host that ARCHIVE_ALLOW_PRIVATE_HOSTS does not name. */
const ENV_ONLY_ALLOWED_HOSTS = ["true", "1", "yes"].includes(
  (process.env.ARCHIVE_ONLY_ALLOWED_HOSTS ?? "").toLowerCase(),
);

export function parseHostList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
}

class FetchError extends Error {
  constructor(
    readonly reason: FetchFailureReason,
    message: string,
    readonly httpStatus: number | null = null,
  ) {
    super(message);
  }
}

/** What ipaddr.js calls the range of an address, IPv4-mapped IPv6 judged as its IPv4 form. */
export function addressRange(address: string): string {
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range();
}

/** Only ordinary public addresses: loopback, private, link-local, multicast and the rest are not. */
export function isPublicAddress(address: string): boolean {
  return ipaddr.isValid(address) && addressRange(address) === "unicast";
}

function stripBrackets(hostname: string) {
  return hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
}

function defaultPort(url: URL) {
  return url.port || (url.protocol === "https:" ? "443" : "80");
}

function isAllowedPrivate(url: URL, address: string, allowed: readonly string[]) {
  const host = stripBrackets(url.hostname).toLowerCase();
  const port = defaultPort(url);
  const normalized = ipaddr.isValid(address) ? ipaddr.parse(address).toString() : address;
  return allowed.some((entry) => {
    const match = /^\[?([^\]]*?)\]?(?::(\d+))?$/.exec(entry);
    // An entry with more than one colon and no brackets is a bare IPv6 address.
    const bareV6 = entry.split(":").length > 2 && !entry.startsWith("[");
    const entryHost = bareV6 ? entry : (match?.[1] ?? entry);
    const entryPort = bareV6 ? undefined : match?.[2];
    if (entryPort && entryPort !== port) return false;
    if (entryHost === host) return true;
    return ipaddr.isValid(entryHost) && ipaddr.parse(entryHost).toString() === normalized;
  });
}

type CheckedAddress = { address: string; family: 4 | 6 };

/** Resolves the URL's host and checks every address; the first is the one to connect to. */
async function resolveChecked(
  url: URL,
  allowed: readonly string[],
  onlyAllowed: boolean,
): Promise<CheckedAddress> {
  const host = stripBrackets(url.hostname);
  if (onlyAllowed && !isAllowedPrivate(url, host, allowed)) {
    throw new FetchError("refused_address", `${host} is not one of the hosts this run may fetch`);
  }
  let addresses: CheckedAddress[];
  if (net.isIP(host)) {
    addresses = [{ address: host, family: net.isIP(host) as 4 | 6 }];
  } else {
    try {
      const found = await dns.promises.lookup(host, { all: true, verbatim: true });
      addresses = found.map((entry) => ({ address: entry.address, family: entry.family as 4 | 6 }));
    } catch (error) {
      throw new FetchError("unreachable", `Could not resolve ${host}: ${(error as Error).message}`);
    }
  }
  if (addresses.length === 0) throw new FetchError("unreachable", `${host} has no address`);
  for (const { address } of addresses) {
    if (!isPublicAddress(address) && !isAllowedPrivate(url, address, allowed)) {
      const range = ipaddr.isValid(address) ? addressRange(address) : "invalid";
      throw new FetchError(
        "refused_address",
        `${host} resolves to ${address} (${range}), which is not a public address`,
      );
    }
  }
  return addresses[0]!;
}

/** A lookup that answers with the address already checked, whatever it is asked. */
function pinnedLookup(checked: CheckedAddress): LookupFunction {
  return ((_hostname: string, options: dns.LookupOptions, callback: unknown) => {
    if (options?.all) {
      (callback as (e: null, a: dns.LookupAddress[]) => void)(null, [checked]);
    } else {
      (callback as (e: null, a: string, f: number) => void)(null, checked.address, checked.family);
    }
  }) as LookupFunction;
}

type RawResponse = {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer | null;
};

function requestOnce(
  url: URL,
  checked: CheckedAddress,
  signal: AbortSignal,
  maxBytes: number,
): Promise<RawResponse> {
  const client = url.protocol === "https:" ? https : http;
  return new Promise<RawResponse>((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: "GET",
        lookup: pinnedLookup(checked),
        signal,
        headers: {
          "User-Agent": "policy-recommendation-tracker (evidence archive)",
          Accept: "text/html,application/pdf,text/plain,image/*,application/*;q=0.8,*/*;q=0.5",
          "Accept-Encoding": "identity",
        },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          response.resume();
          resolve({ status, headers: response.headers, body: null });
          return;
        }
        const declared = Number(response.headers["content-length"]);
        if (Number.isFinite(declared) && declared > maxBytes) {
          response.destroy();
          reject(new FetchError("too_large", `Content-Length ${declared} is over ${maxBytes}`));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            response.destroy();
            reject(new FetchError("too_large", `More than ${maxBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        response.on("end", () =>
          resolve({ status, headers: response.headers, body: Buffer.concat(chunks) }),
        );
        response.on("error", (error) => reject(error));
        response.on("close", () => {
          if (!response.complete) reject(new FetchError("unreachable", "Connection closed early"));
        });
      },
    );
    request.on("error", reject);
    request.end();
  });
}

const OFFICE_TYPES = new Set([
  "application/msword",
  "application/vnd.ms-excel",
  "application/vnd.ms-powerpoint",
  "application/rtf",
]);

/** The declared content types kept: HTML, PDF, plain text, images and office documents. */
export function isKeptContentType(mime: string): boolean {
  return (
    mime === "text/html" ||
    mime === "application/xhtml+xml" ||
    mime === "application/pdf" ||
    mime === "text/plain" ||
    mime === "text/csv" ||
    mime.startsWith("image/") ||
    OFFICE_TYPES.has(mime) ||
    mime.startsWith("application/vnd.openxmlformats-officedocument.") ||
    mime.startsWith("application/vnd.oasis.opendocument.")
  );
}

/** Containers that office documents are made of, as file-type may name them. */
const OFFICE_CONTAINERS = new Set(["application/zip", "application/x-cfb"]);

/**
 * The content type to keep the copy under, or null when it is not kept. The declared type decides
 * the family; `file-type` confirms it where the bytes have a signature (a "PDF" that is not one,
 * HTML that is really an executable, are refused).
 */
async function keptContentType(declared: string, data: Buffer): Promise<string | null> {
  if (!isKeptContentType(declared)) return null;
  let detected: string | undefined;
  try {
    detected = (await fileTypeFromBuffer(data))?.mime;
  } catch {
    detected = undefined;
  }
  if (!detected) {
    // Signature-less formats: text, and SVG (XML text). PDF and raster images always have one.
    if (declared === "application/pdf") return null;
    if (declared.startsWith("image/") && declared !== "image/svg+xml") return null;
    return declared;
  }
  if (declared === "application/pdf") return detected === "application/pdf" ? detected : null;
  const textual =
    declared.startsWith("text/") ||
    declared === "application/xhtml+xml" ||
    declared === "image/svg+xml";
  // XHTML and SVG may open with an XML declaration, which file-type names.
  if (textual && (detected === "application/xml" || detected.startsWith("text/"))) return declared;
  if (declared.startsWith("image/")) return detected.startsWith("image/") ? detected : null;
  if (isKeptContentType(detected) && !detected.startsWith("text/")) {
    // Office documents: the detected type is the more exact one (an .xlsx sent as zip).
    return declared.startsWith("text/") || declared === "application/xhtml+xml" ? null : detected;
  }
  if (OFFICE_CONTAINERS.has(detected)) {
    return OFFICE_TYPES.has(declared) || declared.startsWith("application/vnd.") ? declared : null;
  }
  return null;
}

/**
 * Fetches `requestedUrl` for the archive. Never throws for anything the remote side does: a
 * failure comes back as `{ ok: false, reason }`.
 */
export async function safeFetch(
  requestedUrl: string,
  options: SafeFetchOptions = {},
): Promise<FetchOutcome> {
  const timeoutMs = options.timeoutMs ?? ARCHIVE_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? MAX_ARCHIVE_BYTES;
  const maxRedirects = options.maxRedirects ?? MAX_REDIRECTS;
  const allowed = options.allowPrivateHosts ?? ENV_ALLOWED_PRIVATE_HOSTS;
  const onlyAllowed = options.onlyAllowedHosts ?? ENV_ONLY_ALLOWED_HOSTS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let current: URL | null = null;
  try {
    try {
      current = new URL(requestedUrl);
    } catch {
      throw new FetchError("bad_url", "Not a URL");
    }
    for (let redirects = 0; ; redirects += 1) {
      if (current.protocol !== "http:" && current.protocol !== "https:") {
        throw new FetchError("bad_url", `Only http and https are fetched, not ${current.protocol}`);
      }
      if (current.username || current.password) {
        throw new FetchError("bad_url", "Addresses with a user name or password are not fetched");
      }
      const checked = await resolveChecked(current, allowed, onlyAllowed);
      if (controller.signal.aborted) throw new FetchError("timeout", "Timed out");
      const response = await requestOnce(current, checked, controller.signal, maxBytes);
      if (response.status >= 300 && response.status < 400) {
        const location = response.headers.location;
        if (!location) {
          throw new FetchError("http_error", "Redirect without a Location", response.status);
        }
        if (redirects >= maxRedirects) {
          throw new FetchError("too_many_redirects", `More than ${maxRedirects} redirects`);
        }
        current = new URL(location, current);
        continue;
      }
      if (response.status < 200 || response.status >= 300) {
        throw new FetchError("http_error", `HTTP ${response.status}`, response.status);
      }
      const body = response.body ?? Buffer.alloc(0);
      const declared = (response.headers["content-type"] ?? "application/octet-stream")
        .split(";")[0]!
        .trim()
        .toLowerCase();
      const contentType = await keptContentType(declared, body);
      if (!contentType) {
        throw new FetchError("type_not_kept", `Content type ${declared} is not kept`);
      }
      return {
        ok: true,
        requestedUrl,
        finalUrl: current.toString(),
        httpStatus: response.status,
        contentType,
        sizeBytes: body.byteLength,
        sha256: createHash("sha256").update(body).digest("hex"),
        fetchedAt: new Date(),
        data: body,
      };
    }
  } catch (error) {
    let reason: FetchFailureReason = "unreachable";
    let detail = error instanceof Error ? error.message : String(error);
    let httpStatus: number | null = null;
    if (
      controller.signal.aborted &&
      !(error instanceof FetchError && error.reason !== "unreachable")
    ) {
      reason = "timeout";
      detail = `No complete answer within ${timeoutMs} ms`;
    } else if (error instanceof FetchError) {
      reason = error.reason;
      httpStatus = error.httpStatus;
    }
    return {
      ok: false,
      requestedUrl,
      reason,
      detail,
      finalUrl: current?.toString() ?? null,
      httpStatus,
      fetchedAt: new Date(),
    };
  } finally {
    clearTimeout(timer);
  }
}
