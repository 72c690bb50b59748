import { editors, type Row } from "./types.ts";

// My queue: what a staff member follows that is due for checking (e2e/my-queue.spec.ts).
export const myQueueRows: Row[] = [
  { pattern: "/my-queue", method: "GET", url: "/my-queue", ...editors(200) },
];
