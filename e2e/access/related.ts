// Related items (the item page's relation-add and relation-remove forms): editors and admins
// only. Each row sends what is refused, so that the matrix writes nothing: a link without a
// reason (422) and the removal of a link that does not exist (404).
import { editors, type Row } from "./types.ts";

export const relatedRows: Row[] = [
  {
    pattern: "/recommendations/:id",
    method: "POST",
    url: "/recommendations/gao-21-322-atf-data",
    body: { intent: "relation-add", type: "follows_up", other: "GAO-16-235 (ATF)", reason: "" },
    ...editors(422),
  },
  {
    pattern: "/recommendations/:id",
    method: "POST",
    url: "/recommendations/gao-21-322-atf-data",
    body: { intent: "relation-remove", relationId: "no-such-link" },
    ...editors(404),
  },
];
