CREATE TABLE "sign_in_attempts" (
	"account" text NOT NULL,
	"address" text NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"failing_since" timestamp with time zone,
	"signed_in_at" timestamp with time zone,
	CONSTRAINT "sign_in_attempts_account_address_pk" PRIMARY KEY("account","address")
);
--> statement-breakpoint
CREATE INDEX "sign_in_attempts_failing_since_idx" ON "sign_in_attempts" USING btree ("failing_since");--> statement-breakpoint
-- This install's secret for keying short link codes (server/src/worker/link-codes.ts): the SHA-256
-- of two random UUIDs (244 random bits, pg_strong_random), made once here so no request ever writes it.
INSERT INTO "settings" ("key", "value") VALUES ('short_link_secret', to_jsonb(encode(sha256((gen_random_uuid()::text || gen_random_uuid()::text)::bytea), 'hex'))) ON CONFLICT ("key") DO NOTHING;
