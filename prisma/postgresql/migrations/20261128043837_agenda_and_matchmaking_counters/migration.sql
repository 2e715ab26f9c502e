-- AlterTable
ALTER TABLE "AgendaSession" ADD COLUMN     "seatsTaken" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "waitlistCounter" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "meetingBreakMinutes" INTEGER NOT NULL DEFAULT 5,
ADD COLUMN     "meetingSlotMinutes" INTEGER NOT NULL DEFAULT 20;

-- AlterTable
ALTER TABLE "MatchmakingProfile" ADD COLUMN     "meetingsBooked" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "pendingRequestsSent" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "MeetingRequest" ADD COLUMN     "awaitingUserId" TEXT,
ADD COLUMN     "openPairKey" TEXT;

-- AlterTable
ALTER TABLE "SessionEnrolment" ADD COLUMN     "calendarSequence" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "cancelledAt" TIMESTAMP(3);

-- CreateIndex
CREATE UNIQUE INDEX "MeetingRequest_eventId_openPairKey_key" ON "MeetingRequest"("eventId", "openPairKey");
