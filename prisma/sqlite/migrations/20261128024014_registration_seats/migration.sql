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
    "seatsTaken" INTEGER NOT NULL DEFAULT 0,
    "waitlistCounter" INTEGER NOT NULL DEFAULT 0,
    "eligibleNationalities" JSONB,
    "eligibilityExplanation" TEXT,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "b2bEnabled" BOOLEAN NOT NULL DEFAULT false,
    "b2bBookingOpensAt" DATETIME,
    "b2bBookingClosesAt" DATETIME,
    "maxMeetingsPerPerson" INTEGER,
    "maxPendingRequestsPerPerson" INTEGER,
    "profileVisibility" TEXT NOT NULL DEFAULT 'ALL_ATTENDEES',
    "calendarUid" TEXT NOT NULL,
    "calendarSequence" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Event" ("approvalRequired", "b2bBookingClosesAt", "b2bBookingOpensAt", "b2bEnabled", "calendarSequence", "calendarUid", "capacity", "contactEmail", "createdAt", "description", "eligibilityExplanation", "eligibleNationalities", "endsAt", "hostName", "id", "maxMeetingsPerPerson", "maxPendingRequestsPerPerson", "profileVisibility", "registrationClosesAt", "registrationOpensAt", "slug", "startsAt", "status", "summary", "timeZone", "title", "updatedAt", "venueAddress", "venueName", "waitlistEnabled") SELECT "approvalRequired", "b2bBookingClosesAt", "b2bBookingOpensAt", "b2bEnabled", "calendarSequence", "calendarUid", "capacity", "contactEmail", "createdAt", "description", "eligibilityExplanation", "eligibleNationalities", "endsAt", "hostName", "id", "maxMeetingsPerPerson", "maxPendingRequestsPerPerson", "profileVisibility", "registrationClosesAt", "registrationOpensAt", "slug", "startsAt", "status", "summary", "timeZone", "title", "updatedAt", "venueAddress", "venueName", "waitlistEnabled" FROM "Event";
DROP TABLE "Event";
ALTER TABLE "new_Event" RENAME TO "Event";
CREATE UNIQUE INDEX "Event_slug_key" ON "Event"("slug");
CREATE UNIQUE INDEX "Event_calendarUid_key" ON "Event"("calendarUid");
CREATE INDEX "Event_status_startsAt_idx" ON "Event"("status", "startsAt");
CREATE TABLE "new_Registration" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "organisationId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "holdsSeat" BOOLEAN NOT NULL DEFAULT false,
    "waitlistNumber" INTEGER,
    "waitlistedAt" DATETIME,
    "answers" JSONB NOT NULL,
    "consentGivenAt" DATETIME NOT NULL,
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
    CONSTRAINT "Registration_checkedInById_fkey" FOREIGN KEY ("checkedInById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Registration" ("answers", "badgeCode", "calendarSequence", "calendarUid", "cancelledAt", "checkedInAt", "checkedInById", "consentGivenAt", "createdAt", "decidedAt", "eventId", "id", "infoRequestedAt", "organisationId", "status", "submittedAt", "updatedAt", "userId", "waitlistNumber", "waitlistedAt") SELECT "answers", "badgeCode", "calendarSequence", "calendarUid", "cancelledAt", "checkedInAt", "checkedInById", "consentGivenAt", "createdAt", "decidedAt", "eventId", "id", "infoRequestedAt", "organisationId", "status", "submittedAt", "updatedAt", "userId", "waitlistNumber", "waitlistedAt" FROM "Registration";
DROP TABLE "Registration";
ALTER TABLE "new_Registration" RENAME TO "Registration";
CREATE UNIQUE INDEX "Registration_badgeCode_key" ON "Registration"("badgeCode");
CREATE UNIQUE INDEX "Registration_calendarUid_key" ON "Registration"("calendarUid");
CREATE INDEX "Registration_eventId_status_idx" ON "Registration"("eventId", "status");
CREATE UNIQUE INDEX "Registration_eventId_userId_key" ON "Registration"("eventId", "userId");
CREATE UNIQUE INDEX "Registration_eventId_waitlistNumber_key" ON "Registration"("eventId", "waitlistNumber");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
