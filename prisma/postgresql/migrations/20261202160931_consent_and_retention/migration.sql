-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "personalDataPurgedAt" TIMESTAMP(3),
ADD COLUMN     "retentionDays" INTEGER;

-- AlterTable
ALTER TABLE "Registration" ADD COLUMN     "consentVersion" TEXT;

-- CreateTable
CREATE TABLE "ConsentText" (
    "version" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsentText_pkey" PRIMARY KEY ("version")
);

-- AddForeignKey
ALTER TABLE "Registration" ADD CONSTRAINT "Registration_consentVersion_fkey" FOREIGN KEY ("consentVersion") REFERENCES "ConsentText"("version") ON DELETE RESTRICT ON UPDATE CASCADE;
