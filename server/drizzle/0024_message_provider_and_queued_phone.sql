ALTER TABLE "messages" ADD COLUMN "provider" text;--> statement-breakpoint
CREATE INDEX "messages_queued_phone_idx" ON "messages" USING btree ("phone") WHERE "messages"."status" = 'queued';