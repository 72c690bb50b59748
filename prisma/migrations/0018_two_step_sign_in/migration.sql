-- Two-step sign-in (issue 17, item 3): a time-based code (TOTP) after the password, ten
-- single-use recovery codes, and a tracker-wide rule saying whom it is required for.
--
-- The TOTP key is stored as it is (20 random bytes): the app has no server secret from which an
-- encryption key could be derived, so a dump of this table gives the keys away. Whoever holds a
-- dump also holds every password hash and session hash; a key alone still needs the password.
ALTER TABLE "User" ADD COLUMN "totpKey" BYTEA,
ADD COLUMN "totpPendingKey" BYTEA,
ADD COLUMN "totpEnabledAt" TIMESTAMP(3),
ADD COLUMN "totpLastStep" BIGINT;

CREATE TABLE "RecoveryCode" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecoveryCode_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "RecoveryCode_codeHash_key" ON "RecoveryCode"("codeHash");
CREATE INDEX "RecoveryCode_userId_idx" ON "RecoveryCode"("userId");
ALTER TABLE "RecoveryCode" ADD CONSTRAINT "RecoveryCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A correct password waiting for its code: not a session, five minutes at most.
CREATE TABLE "TwoStepChallenge" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TwoStepChallenge_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "TwoStepChallenge_userId_idx" ON "TwoStepChallenge"("userId");
ALTER TABLE "TwoStepChallenge" ADD CONSTRAINT "TwoStepChallenge_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Settings an admin changes from the app; one row. Later settings are more columns here.
CREATE TYPE "TwoStepRequirement" AS ENUM ('nobody', 'admins', 'admins_and_editors');

CREATE TABLE "TrackerSetting" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "twoStepRequiredFor" "TwoStepRequirement" NOT NULL DEFAULT 'nobody',
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrackerSetting_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "TrackerSetting_one_row" CHECK ("id" = 1)
);
INSERT INTO "TrackerSetting" ("id") VALUES (1);
