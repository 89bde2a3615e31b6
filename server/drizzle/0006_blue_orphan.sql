CREATE TABLE "event_receipts" (
	"message_id" text PRIMARY KEY NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "message_id" text;--> statement-breakpoint
CREATE INDEX "event_receipts_received_idx" ON "event_receipts" USING btree ("received_at");