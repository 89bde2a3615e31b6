CREATE TABLE "approval_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"journey_id" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"document" jsonb NOT NULL,
	"draft_revision" integer NOT NULL,
	"document_hash" text NOT NULL,
	"base_version" integer,
	"note" text DEFAULT '' NOT NULL,
	"migrate" boolean DEFAULT false NOT NULL,
	"submitted_by" text NOT NULL,
	"submitted_by_ref" text NOT NULL,
	"forecast" jsonb,
	"submitted_at" timestamp with time zone NOT NULL,
	"reviewed_by" text,
	"review_comment" text,
	"reviewed_at" timestamp with time zone,
	"published_version" integer
);
--> statement-breakpoint
CREATE TABLE "publish_history" (
	"id" serial PRIMARY KEY NOT NULL,
	"journey_id" text NOT NULL,
	"kind" text NOT NULL,
	"version" integer,
	"draft_revision" integer,
	"document_hash" text NOT NULL,
	"actor" text NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"approval_id" text,
	"forecast" jsonb,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "can_publish" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "publish_schedules" ADD COLUMN "scheduled_by_ref" text;--> statement-breakpoint
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_journey_id_journeys_id_fk" FOREIGN KEY ("journey_id") REFERENCES "public"."journeys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publish_history" ADD CONSTRAINT "publish_history_journey_id_journeys_id_fk" FOREIGN KEY ("journey_id") REFERENCES "public"."journeys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "approval_requests_journey_idx" ON "approval_requests" USING btree ("journey_id","submitted_at");--> statement-breakpoint
CREATE INDEX "publish_history_journey_idx" ON "publish_history" USING btree ("journey_id","id");