-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "addedById" TEXT;

-- AlterTable
ALTER TABLE "Registration" ADD COLUMN     "nationality" TEXT;

-- CreateIndex
CREATE INDEX "Organisation_addedById_idx" ON "Organisation"("addedById");

-- AddForeignKey
ALTER TABLE "Organisation" ADD CONSTRAINT "Organisation_addedById_fkey" FOREIGN KEY ("addedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Backfill: until now the vetted nationality was read from the account; registrations keep it from here on.
UPDATE "Registration" SET "nationality" = (SELECT "nationality" FROM "User" WHERE "User"."id" = "Registration"."userId");
