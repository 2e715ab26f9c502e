-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "seatsTaken" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "waitlistCounter" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Registration" ADD COLUMN     "holdsSeat" BOOLEAN NOT NULL DEFAULT false;
