-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "attendeeListPublic" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Registration" ADD COLUMN     "attendeeListConsentAt" TIMESTAMP(3);
