-- AlterTable
ALTER TABLE "MeetingRequest" ADD COLUMN "awaitingUserId" TEXT;
ALTER TABLE "MeetingRequest" ADD COLUMN "openPairKey" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AgendaSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "abstract" TEXT,
    "kind" TEXT NOT NULL,
    "trackId" TEXT,
    "roomId" TEXT,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "capacity" INTEGER,
    "signUpRequired" BOOLEAN NOT NULL DEFAULT false,
    "seatsTaken" INTEGER NOT NULL DEFAULT 0,
    "waitlistCounter" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'SCHEDULED',
    "cancelledAt" DATETIME,
    "calendarUid" TEXT NOT NULL,
    "calendarSequence" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AgendaSession_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AgendaSession_trackId_fkey" FOREIGN KEY ("trackId") REFERENCES "Track" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AgendaSession_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_AgendaSession" ("abstract", "calendarSequence", "calendarUid", "cancelledAt", "capacity", "createdAt", "endsAt", "eventId", "id", "kind", "roomId", "signUpRequired", "slug", "startsAt", "status", "title", "trackId", "updatedAt") SELECT "abstract", "calendarSequence", "calendarUid", "cancelledAt", "capacity", "createdAt", "endsAt", "eventId", "id", "kind", "roomId", "signUpRequired", "slug", "startsAt", "status", "title", "trackId", "updatedAt" FROM "AgendaSession";
DROP TABLE "AgendaSession";
ALTER TABLE "new_AgendaSession" RENAME TO "AgendaSession";
CREATE UNIQUE INDEX "AgendaSession_calendarUid_key" ON "AgendaSession"("calendarUid");
CREATE INDEX "AgendaSession_eventId_startsAt_idx" ON "AgendaSession"("eventId", "startsAt");
CREATE INDEX "AgendaSession_roomId_startsAt_idx" ON "AgendaSession"("roomId", "startsAt");
CREATE UNIQUE INDEX "AgendaSession_eventId_slug_key" ON "AgendaSession"("eventId", "slug");
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
    "meetingSlotMinutes" INTEGER NOT NULL DEFAULT 20,
    "meetingBreakMinutes" INTEGER NOT NULL DEFAULT 5,
    "profileVisibility" TEXT NOT NULL DEFAULT 'ALL_ATTENDEES',
    "calendarUid" TEXT NOT NULL,
    "calendarSequence" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Event" ("approvalRequired", "b2bBookingClosesAt", "b2bBookingOpensAt", "b2bEnabled", "calendarSequence", "calendarUid", "capacity", "contactEmail", "createdAt", "description", "eligibilityExplanation", "eligibleNationalities", "endsAt", "hostName", "id", "maxMeetingsPerPerson", "maxPendingRequestsPerPerson", "profileVisibility", "registrationClosesAt", "registrationOpensAt", "seatsTaken", "slug", "startsAt", "status", "summary", "timeZone", "title", "updatedAt", "venueAddress", "venueName", "waitlistCounter", "waitlistEnabled") SELECT "approvalRequired", "b2bBookingClosesAt", "b2bBookingOpensAt", "b2bEnabled", "calendarSequence", "calendarUid", "capacity", "contactEmail", "createdAt", "description", "eligibilityExplanation", "eligibleNationalities", "endsAt", "hostName", "id", "maxMeetingsPerPerson", "maxPendingRequestsPerPerson", "profileVisibility", "registrationClosesAt", "registrationOpensAt", "seatsTaken", "slug", "startsAt", "status", "summary", "timeZone", "title", "updatedAt", "venueAddress", "venueName", "waitlistCounter", "waitlistEnabled" FROM "Event";
DROP TABLE "Event";
ALTER TABLE "new_Event" RENAME TO "Event";
CREATE UNIQUE INDEX "Event_slug_key" ON "Event"("slug");
CREATE UNIQUE INDEX "Event_calendarUid_key" ON "Event"("calendarUid");
CREATE INDEX "Event_status_startsAt_idx" ON "Event"("status", "startsAt");
CREATE TABLE "new_MatchmakingProfile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "headline" TEXT NOT NULL,
    "about" TEXT,
    "technologyReadiness" INTEGER,
    "freeTags" JSONB NOT NULL,
    "optedIn" BOOLEAN NOT NULL DEFAULT true,
    "meetingsBooked" INTEGER NOT NULL DEFAULT 0,
    "pendingRequestsSent" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "MatchmakingProfile_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MatchmakingProfile_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_MatchmakingProfile" ("about", "createdAt", "eventId", "freeTags", "headline", "id", "optedIn", "technologyReadiness", "updatedAt", "userId") SELECT "about", "createdAt", "eventId", "freeTags", "headline", "id", "optedIn", "technologyReadiness", "updatedAt", "userId" FROM "MatchmakingProfile";
DROP TABLE "MatchmakingProfile";
ALTER TABLE "new_MatchmakingProfile" RENAME TO "MatchmakingProfile";
CREATE UNIQUE INDEX "MatchmakingProfile_eventId_userId_key" ON "MatchmakingProfile"("eventId", "userId");
CREATE TABLE "new_SessionEnrolment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "registrationId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "waitlistNumber" INTEGER,
    "calendarSequence" INTEGER NOT NULL DEFAULT 0,
    "cancelledAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SessionEnrolment_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "AgendaSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SessionEnrolment_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "Registration" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_SessionEnrolment" ("createdAt", "id", "registrationId", "sessionId", "status", "updatedAt", "waitlistNumber") SELECT "createdAt", "id", "registrationId", "sessionId", "status", "updatedAt", "waitlistNumber" FROM "SessionEnrolment";
DROP TABLE "SessionEnrolment";
ALTER TABLE "new_SessionEnrolment" RENAME TO "SessionEnrolment";
CREATE INDEX "SessionEnrolment_registrationId_idx" ON "SessionEnrolment"("registrationId");
CREATE INDEX "SessionEnrolment_sessionId_status_idx" ON "SessionEnrolment"("sessionId", "status");
CREATE UNIQUE INDEX "SessionEnrolment_sessionId_registrationId_key" ON "SessionEnrolment"("sessionId", "registrationId");
CREATE UNIQUE INDEX "SessionEnrolment_sessionId_waitlistNumber_key" ON "SessionEnrolment"("sessionId", "waitlistNumber");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "MeetingRequest_eventId_openPairKey_key" ON "MeetingRequest"("eventId", "openPairKey");
