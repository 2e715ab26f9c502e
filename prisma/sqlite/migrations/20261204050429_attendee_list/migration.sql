-- AlterTable
ALTER TABLE "Registration" ADD COLUMN "attendeeListConsentAt" DATETIME;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Event" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "hostName" TEXT NOT NULL,
    "contactEmail" TEXT NOT NULL,
    "venueName" TEXT NOT NULL,
    "venueAddress" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "registrationOpensAt" DATETIME NOT NULL,
    "registrationClosesAt" DATETIME NOT NULL,
    "capacity" INTEGER,
    "approvalRequired" BOOLEAN NOT NULL DEFAULT true,
    "waitlistEnabled" BOOLEAN NOT NULL DEFAULT true,
    "attendeeListPublic" BOOLEAN NOT NULL DEFAULT false,
    "seatsTaken" INTEGER NOT NULL DEFAULT 0,
    "waitlistCounter" INTEGER NOT NULL DEFAULT 0,
    "eligibleNationalities" JSONB,
    "eligibilityExplanation" TEXT,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "publishedAt" DATETIME,
    "retentionDays" INTEGER,
    "personalDataPurgedAt" DATETIME,
    "cancelledAt" DATETIME,
    "cancellationReason" TEXT,
    "archivedAt" DATETIME,
    "b2bEnabled" BOOLEAN NOT NULL DEFAULT false,
    "b2bBookingOpensAt" DATETIME,
    "b2bBookingClosesAt" DATETIME,
    "maxMeetingsPerPerson" INTEGER,
    "maxPendingRequestsPerPerson" INTEGER,
    "meetingSlotMinutes" INTEGER NOT NULL DEFAULT 20,
    "meetingBreakMinutes" INTEGER NOT NULL DEFAULT 5,
    "profileVisibility" TEXT NOT NULL DEFAULT 'ALL_ATTENDEES',
    "calendarUid" TEXT NOT NULL,
    "calendarSequence" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Event" ("approvalRequired", "archivedAt", "b2bBookingClosesAt", "b2bBookingOpensAt", "b2bEnabled", "calendarSequence", "calendarUid", "cancellationReason", "cancelledAt", "capacity", "contactEmail", "createdAt", "description", "eligibilityExplanation", "eligibleNationalities", "endsAt", "hostName", "id", "maxMeetingsPerPerson", "maxPendingRequestsPerPerson", "meetingBreakMinutes", "meetingSlotMinutes", "personalDataPurgedAt", "profileVisibility", "publishedAt", "registrationClosesAt", "registrationOpensAt", "retentionDays", "seatsTaken", "slug", "startsAt", "status", "summary", "timeZone", "title", "updatedAt", "venueAddress", "venueName", "waitlistCounter", "waitlistEnabled") SELECT "approvalRequired", "archivedAt", "b2bBookingClosesAt", "b2bBookingOpensAt", "b2bEnabled", "calendarSequence", "calendarUid", "cancellationReason", "cancelledAt", "capacity", "contactEmail", "createdAt", "description", "eligibilityExplanation", "eligibleNationalities", "endsAt", "hostName", "id", "maxMeetingsPerPerson", "maxPendingRequestsPerPerson", "meetingBreakMinutes", "meetingSlotMinutes", "personalDataPurgedAt", "profileVisibility", "publishedAt", "registrationClosesAt", "registrationOpensAt", "retentionDays", "seatsTaken", "slug", "startsAt", "status", "summary", "timeZone", "title", "updatedAt", "venueAddress", "venueName", "waitlistCounter", "waitlistEnabled" FROM "Event";
DROP TABLE "Event";
ALTER TABLE "new_Event" RENAME TO "Event";
CREATE UNIQUE INDEX "Event_slug_key" ON "Event"("slug");
CREATE UNIQUE INDEX "Event_calendarUid_key" ON "Event"("calendarUid");
CREATE INDEX "Event_status_startsAt_idx" ON "Event"("status", "startsAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
