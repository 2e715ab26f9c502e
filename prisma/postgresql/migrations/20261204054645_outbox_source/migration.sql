-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "sourceId" TEXT;

-- CreateIndex
CREATE INDEX "OutboxMessage_sourceId_status_idx" ON "OutboxMessage"("sourceId", "status");
