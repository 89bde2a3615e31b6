CREATE TABLE "entry_queue" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"journey_id" text NOT NULL,
	"trigger_node_id" text NOT NULL,
	"contact_id" text NOT NULL,
	"arrived_at" timestamp with time zone NOT NULL,
	"admit_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "entry_throttles" (
	"journey_id" text NOT NULL,
	"trigger_node_id" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"admitted" integer NOT NULL,
	"last_admit_at" timestamp with time zone NOT NULL,
	CONSTRAINT "entry_throttles_journey_id_trigger_node_id_pk" PRIMARY KEY("journey_id","trigger_node_id")
);
--> statement-breakpoint
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
ALTER TABLE "publish_schedules" ADD CONSTRAINT "publish_schedules_journey_id_journeys_id_fk" FOREIGN KEY ("journey_id") REFERENCES "public"."journeys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "entry_queue_due_idx" ON "entry_queue" USING btree ("admit_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "entry_queue_one_per_contact_idx" ON "entry_queue" USING btree ("journey_id","contact_id");