import { type RouteConfig, index, route } from "@react-router/dev/routes";

// Every route of the app, grouped by feature. The authorization matrix test lists each of them.
export default [
  index("routes/home/overview.tsx"),
  route("recommendations", "routes/recommendations/list.tsx"),
  route("recommendations/:id", "routes/recommendations/detail.tsx"),
  route("language", "routes/language.ts"),
  route("healthz", "routes/healthz.ts"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
