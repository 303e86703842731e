ALTER TABLE "users" ADD COLUMN "language" text DEFAULT 'sv' NOT NULL;
