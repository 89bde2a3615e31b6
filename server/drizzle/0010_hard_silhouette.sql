CREATE TABLE "publish_schedules" (
	"journey_id" text PRIMARY KEY NOT NULL,
	"publish_at" timestamp with time zone NOT NULL,
	"time_zone" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"migrate" boolean DEFAULT false NOT NULL,
	"scheduled_by" text,
	"failed_at" timestamp with time zone,
	"failure" jsonb
);
--> statement-breakpoint
ALTER TABLE "publish_schedules" ADD CONSTRAINT "publish_schedules_journey_id_journeys_id_fk" FOREIGN KEY ("journey_id") REFERENCES "public"."journeys"("id") ON DELETE cascade ON UPDATE no action;