-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "payload" TEXT,
ADD COLUMN     "template" TEXT,
ALTER COLUMN "html" DROP NOT NULL,
ALTER COLUMN "text" DROP NOT NULL;
