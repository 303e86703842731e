ALTER TABLE "access_requests" ALTER COLUMN "email" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "access_requests" ALTER COLUMN "requested_by" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "access_requests" ADD COLUMN "oidc_issuer" text;--> statement-breakpoint
ALTER TABLE "access_requests" ADD COLUMN "oidc_subject" text;