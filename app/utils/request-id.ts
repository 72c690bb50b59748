import { createContext, useContext } from "react";

// The request's id for the error page's "Reference: …". entry.server.tsx provides it while the
// page is rendered on the server; in the browser there is none (the page keeps the server's text).
const RequestIdContext = createContext("");
export const RequestIdProvider = RequestIdContext.Provider;

export function useRequestId(): string {
  return useContext(RequestIdContext);
}
