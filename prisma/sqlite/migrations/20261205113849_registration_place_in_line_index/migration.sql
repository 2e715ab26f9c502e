-- DropIndex
DROP INDEX "Registration_eventId_status_idx";

-- CreateIndex
CREATE INDEX "Registration_eventId_status_waitlistNumber_idx" ON "Registration"("eventId", "status", "waitlistNumber");
