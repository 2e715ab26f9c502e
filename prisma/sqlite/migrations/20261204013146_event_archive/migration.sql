-- AlterTable
ALTER TABLE "Event" ADD COLUMN "archivedAt" DATETIME;
