-- Following by e-mail (issue 18, item 1): followers (one per address), what each follows, the
-- tokens of the links mailed to them (hashed), and one row per digest period and follower, whose
-- unique key makes a period's digest go out once across instances and retries.
CREATE TYPE "DigestFrequency" AS ENUM ('daily', 'weekly');
CREATE TYPE "FollowKind" AS ENUM ('item', 'source', 'goal', 'actor', 'filter');
CREATE TYPE "FollowerTokenPurpose" AS ENUM ('confirm', 'manage');
CREATE TYPE "DigestDeliveryState" AS ENUM ('sending', 'sent', 'empty', 'failed');

CREATE TABLE "Follower" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "userId" TEXT,
    "locale" TEXT NOT NULL,
    "confirmedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Follower_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Follower_email_key" ON "Follower"("email");
CREATE UNIQUE INDEX "Follower_userId_key" ON "Follower"("userId");
ALTER TABLE "Follower" ADD CONSTRAINT "Follower_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "Follow" (
    "id" TEXT NOT NULL,
    "followerId" TEXT NOT NULL,
    "kind" "FollowKind" NOT NULL,
    "target" TEXT NOT NULL,
    "frequency" "DigestFrequency" NOT NULL,
    "confirmedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Follow_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Follow_followerId_kind_target_key" ON "Follow"("followerId", "kind", "target");
CREATE INDEX "Follow_kind_target_idx" ON "Follow"("kind", "target");
ALTER TABLE "Follow" ADD CONSTRAINT "Follow_followerId_fkey" FOREIGN KEY ("followerId") REFERENCES "Follower"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "FollowerToken" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "followerId" TEXT NOT NULL,
    "purpose" "FollowerTokenPurpose" NOT NULL,
    "followId" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FollowerToken_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "FollowerToken_tokenHash_key" ON "FollowerToken"("tokenHash");
CREATE INDEX "FollowerToken_followerId_idx" ON "FollowerToken"("followerId");
ALTER TABLE "FollowerToken" ADD CONSTRAINT "FollowerToken_followerId_fkey" FOREIGN KEY ("followerId") REFERENCES "Follower"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "FollowerToken" ADD CONSTRAINT "FollowerToken_followId_fkey" FOREIGN KEY ("followId") REFERENCES "Follow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "DigestDelivery" (
    "id" TEXT NOT NULL,
    "followerId" TEXT NOT NULL,
    "frequency" "DigestFrequency" NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "periodEnd" TIMESTAMP(3) NOT NULL,
    "state" "DigestDeliveryState" NOT NULL DEFAULT 'sending',
    "entries" INTEGER NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "messageId" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DigestDelivery_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "DigestDelivery_followerId_frequency_periodStart_key" ON "DigestDelivery"("followerId", "frequency", "periodStart");
CREATE INDEX "DigestDelivery_state_idx" ON "DigestDelivery"("state");
ALTER TABLE "DigestDelivery" ADD CONSTRAINT "DigestDelivery_followerId_fkey" FOREIGN KEY ("followerId") REFERENCES "Follower"("id") ON DELETE CASCADE ON UPDATE CASCADE;
