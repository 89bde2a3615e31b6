-- A step that fails is tried again later and, after five failures in a row, stopped (src/worker/failing-steps.ts):
-- the count and the stop on the enrollment, a failed queued entry's count on its queue row.
ALTER TABLE "enrollments" ADD COLUMN "step_failures" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "enrollments" ADD COLUMN "stopped_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "entry_queue" ADD COLUMN "failures" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "enrollments_stopped_idx" ON "enrollments" USING btree ("journey_id") WHERE "enrollments"."stopped_at" is not null and "enrollments"."status" = 'active';