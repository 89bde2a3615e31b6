-- Delivery reports that overtook their send answer, kept until the answer records the provider's id (see src/replies/early-receipts.ts).
CREATE TABLE "early_receipts" (
	"provider_id" text NOT NULL,
	"provider" text NOT NULL,
	"status" text NOT NULL,
	"code" text,
	"at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "early_receipts_provider_id_provider_status_pk" PRIMARY KEY("provider_id","provider","status")
);
--> statement-breakpoint
-- The fields a staged import row left out: a stored contact keeps its values for them (see src/contacts/merge-contacts.ts).
ALTER TABLE "contact_import_rows" ADD COLUMN "kept" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
CREATE INDEX "early_receipts_received_idx" ON "early_receipts" USING btree ("received_at");