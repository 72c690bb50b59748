import { createContext } from "react-router";

/** The client's IP address as the HTTP server saw it (honouring TRUST_PROXY). */
export const clientIpContext = createContext<string>("unknown");
