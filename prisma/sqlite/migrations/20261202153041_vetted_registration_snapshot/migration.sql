-- AlterTable
ALTER TABLE "Registration" ADD COLUMN "nationality" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Organisation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "size" TEXT,
    "website" TEXT,
    "description" TEXT,
    "addedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Organisation_addedById_fkey" FOREIGN KEY ("addedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Organisation" ("country", "createdAt", "description", "id", "kind", "name", "size", "slug", "updatedAt", "website") SELECT "country", "createdAt", "description", "id", "kind", "name", "size", "slug", "updatedAt", "website" FROM "Organisation";
DROP TABLE "Organisation";
ALTER TABLE "new_Organisation" RENAME TO "Organisation";
CREATE UNIQUE INDEX "Organisation_slug_key" ON "Organisation"("slug");
CREATE INDEX "Organisation_kind_idx" ON "Organisation"("kind");
CREATE INDEX "Organisation_country_idx" ON "Organisation"("country");
CREATE INDEX "Organisation_addedById_idx" ON "Organisation"("addedById");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Backfill: until now the vetted nationality was read from the account; registrations keep it from here on.
UPDATE "Registration" SET "nationality" = (SELECT "nationality" FROM "User" WHERE "User"."id" = "Registration"."userId");
