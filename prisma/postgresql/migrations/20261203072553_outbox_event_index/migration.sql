-- CreateIndex
CREATE INDEX "OutboxMessage_eventId_createdAt_idx" ON "OutboxMessage"("eventId", "createdAt");
