-- CreateIndex
CREATE INDEX "Registration_organisationId_eventId_idx" ON "Registration"("organisationId", "eventId");
