import type { Row } from "./types.ts";

// Catalogue administration and the audit log.
export const catalogueRows: Row[] = [];
