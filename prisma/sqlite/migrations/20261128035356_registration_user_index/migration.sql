-- CreateIndex
CREATE INDEX "Registration_userId_idx" ON "Registration"("userId");
