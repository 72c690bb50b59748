-- AlterEnum
ALTER TYPE "OfficialStatus" ADD VALUE 'open_partially_addressed';

-- CreateTable
CREATE TABLE "OfficialStatusChange" (
    "id" TEXT NOT NULL,
    "recommendationId" TEXT NOT NULL,
    "fromStatus" "OfficialStatus",
    "fromAsOf" DATE,
    "toStatus" "OfficialStatus",
    "asOf" DATE,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OfficialStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OfficialStatusChange_recommendationId_asOf_idx" ON "OfficialStatusChange"("recommendationId", "asOf");

-- CreateIndex
CREATE INDEX "OfficialStatusChange_asOf_idx" ON "OfficialStatusChange"("asOf");

-- CreateIndex
CREATE INDEX "StatusChange_occurredOn_idx" ON "StatusChange"("occurredOn");

-- AddForeignKey
ALTER TABLE "OfficialStatusChange" ADD CONSTRAINT "OfficialStatusChange_recommendationId_fkey" FOREIGN KEY ("recommendationId") REFERENCES "Recommendation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfficialStatusChange" ADD CONSTRAINT "OfficialStatusChange_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

