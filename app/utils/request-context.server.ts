import { createContext } from "react-router";

/** The client's IP address as the HTTP server saw it (honouring TRUST_PROXY). */
export const clientIpContext = createContext<string>("unknown");

/**
 * This request's id, made by server.js (and sent back as X-Request-Id): logged with every
 * server-side error and shown on the error page as its reference.
 */
export const requestIdContext = createContext<string>("");
