-- Failure counts of the login and password-check limits, shared by every instance of the app
-- (app/modules/auth/rate-limit.server.ts, through rate-limiter-flexible's PostgreSQL store, whose
-- table layout this is: the library is told the table exists and never creates one itself).
-- `expire` is in milliseconds since the epoch; rows past it are deleted by the app every few
-- minutes. Not in schema.prisma: only the limiter reads it, through the app's `pg` pool. Backups
-- leave it out (passing counts, not records).
CREATE TABLE "rate_limit" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "rate_limit_pkey" PRIMARY KEY ("key")
);

CREATE INDEX "rate_limit_expire_idx" ON "rate_limit"("expire");
