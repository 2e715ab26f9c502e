#!/bin/sh
# Stands in for Prisma's native schema-engine binary, which cannot be downloaded here.
# `prisma generate` only needs the file to exist; migrations go through
# prisma/scripts/migrate.ts (the WASM schema engine) instead.
echo "The native schema engine is not installed: use npm run db:migrate:* (see docs/decisions/002-migration-script.md)." >&2
exit 1
