-- AlterTable
ALTER TABLE "Event" ADD COLUMN "personalDataPurgedAt" DATETIME;
ALTER TABLE "Event" ADD COLUMN "retentionDays" INTEGER;

-- CreateTable
CREATE TABLE "ConsentText" (
    "version" TEXT NOT NULL PRIMARY KEY,
    "text" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Registration" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "organisationId" TEXT,
    "nationality" TEXT,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "holdsSeat" BOOLEAN NOT NULL DEFAULT false,
    "waitlistNumber" INTEGER,
    "waitlistedAt" DATETIME,
    "answers" JSONB NOT NULL,
    "consentGivenAt" DATETIME NOT NULL,
    "consentVersion" TEXT,
    "infoRequestedAt" DATETIME,
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" DATETIME,
    "cancelledAt" DATETIME,
    "badgeCode" TEXT NOT NULL,
    "checkedInAt" DATETIME,
    "checkedInById" TEXT,
    "calendarUid" TEXT NOT NULL,
    "calendarSequence" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Registration_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Registration_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Registration_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Registration_checkedInById_fkey" FOREIGN KEY ("checkedInById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Registration_consentVersion_fkey" FOREIGN KEY ("consentVersion") REFERENCES "ConsentText" ("version") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Registration" ("answers", "badgeCode", "calendarSequence", "calendarUid", "cancelledAt", "checkedInAt", "checkedInById", "consentGivenAt", "createdAt", "decidedAt", "eventId", "holdsSeat", "id", "infoRequestedAt", "nationality", "organisationId", "status", "submittedAt", "updatedAt", "userId", "waitlistNumber", "waitlistedAt") SELECT "answers", "badgeCode", "calendarSequence", "calendarUid", "cancelledAt", "checkedInAt", "checkedInById", "consentGivenAt", "createdAt", "decidedAt", "eventId", "holdsSeat", "id", "infoRequestedAt", "nationality", "organisationId", "status", "submittedAt", "updatedAt", "userId", "waitlistNumber", "waitlistedAt" FROM "Registration";
DROP TABLE "Registration";
ALTER TABLE "new_Registration" RENAME TO "Registration";
CREATE UNIQUE INDEX "Registration_badgeCode_key" ON "Registration"("badgeCode");
CREATE UNIQUE INDEX "Registration_calendarUid_key" ON "Registration"("calendarUid");
CREATE INDEX "Registration_eventId_status_idx" ON "Registration"("eventId", "status");
CREATE INDEX "Registration_userId_idx" ON "Registration"("userId");
CREATE INDEX "Registration_organisationId_eventId_idx" ON "Registration"("organisationId", "eventId");
CREATE UNIQUE INDEX "Registration_eventId_userId_key" ON "Registration"("eventId", "userId");
CREATE UNIQUE INDEX "Registration_eventId_waitlistNumber_key" ON "Registration"("eventId", "waitlistNumber");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
