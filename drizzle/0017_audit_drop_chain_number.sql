-- The chain number is now part of chain_key (legacy-<number>), from which version 1 hashes read it.
ALTER TABLE "audit_log" DROP COLUMN "chain";