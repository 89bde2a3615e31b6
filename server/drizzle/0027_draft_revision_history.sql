CREATE TABLE "journey_draft_revisions" (
	"journey_id" text NOT NULL,
	"revision" integer NOT NULL,
	"document" jsonb NOT NULL,
	"saved_by" text,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "journey_draft_revisions_journey_id_revision_pk" PRIMARY KEY("journey_id","revision")
);
--> statement-breakpoint
ALTER TABLE "journey_draft_revisions" ADD CONSTRAINT "journey_draft_revisions_journey_id_journeys_id_fk" FOREIGN KEY ("journey_id") REFERENCES "public"."journeys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Each journey's draft as it stands is its latest revision: a save refused after the upgrade finds what it started from.
INSERT INTO "journey_draft_revisions" ("journey_id", "revision", "document", "saved_by", "saved_at")
SELECT "id", "draft_revision", "draft", "draft_saved_by", "updated_at" FROM "journeys";
