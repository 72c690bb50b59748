import { data } from "react-router";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";

// Any URL no other route claims: a 404 page in the site's layout.
export function loader() {
  throw data({ message: "Not found" }, { status: 404 });
}

export function action() {
  throw data({ message: "Not found" }, { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
