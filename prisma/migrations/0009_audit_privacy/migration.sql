-- How public pages and exports name staff: their name only when they chose so; otherwise the
-- display name an admin gave them, or else their role.
ALTER TABLE "User" ADD COLUMN     "publicName" TEXT,
ADD COLUMN     "showNamePublicly" BOOLEAN NOT NULL DEFAULT false;

-- The audit trail is append-only. Deleting a user used to set their events' actor to null (an
-- UPDATE of the trail); now a user who appears in it cannot be deleted (they are disabled).
ALTER TABLE "AuditEvent" DROP CONSTRAINT "AuditEvent_actorId_fkey";
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- The database itself refuses to change or remove audit events, whoever asks (the embedded
-- server's superuser included, which a REVOKE would not stop). Statement-level, so that even an
-- UPDATE or DELETE that matches no row is refused.
CREATE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'The audit trail is append-only: % on "AuditEvent" is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER "AuditEvent_append_only"
  BEFORE UPDATE OR DELETE OR TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"();

-- Public pages show a person by these (people.ts): a change to them changes what cached public
-- pages must show, as a change to the catalogue does.
CREATE CONSTRAINT TRIGGER "User_public_name_bumps_cache_version"
AFTER UPDATE OF "name", "role", "showNamePublicly", "publicName" ON "User"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tracker_bump_cache_version();
