// The accounts the end-to-end tests use. The admin is created by the server at start from
// ADMIN_EMAIL/ADMIN_PASSWORD (playwright.config.ts); global.setup.ts invites the others.
export const PASSWORD = "e2e password that is long";

export const ADMIN = {
  email: "admin@e2e.test",
  password: "e2e admin password 123",
  name: "Administrator",
};

export const roleUsers = {
  viewer: { email: "viewer@e2e.test", name: "Vera Viewer", role: "viewer" },
  editor: { email: "editor@e2e.test", name: "Edu Editor", role: "editor" },
  // A second editor, for tests where two people edit at once.
  editor2: { email: "editor2@e2e.test", name: "Elena Editor", role: "editor" },
  disabled: { email: "disabled@e2e.test", name: "Dario Disabled", role: "editor" },
} as const;

export type StateName = "admin" | keyof typeof roleUsers;

export const storageStatePath = (name: StateName) => `e2e/.auth/${name}.json`;
