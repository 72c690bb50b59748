-- AlterTable
ALTER TABLE "Actor" ADD COLUMN     "abbreviation" TEXT;

