CREATE TABLE "attribute_catalog" (
	"name" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"examples" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_counts" (
	"name" text NOT NULL,
	"day" date NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "event_counts_name_day_pk" PRIMARY KEY("name","day")
);
--> statement-breakpoint
CREATE TABLE "event_receipts" (
	"message_id" text PRIMARY KEY NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_import_rows" (
	"import_id" text NOT NULL,
	"row" integer NOT NULL,
	"external_id" text NOT NULL,
	"phone" text,
	"time_zone" text,
	"attributes" jsonb NOT NULL,
	"consent" boolean NOT NULL,
	"suppressed" boolean NOT NULL,
	CONSTRAINT "contact_import_rows_import_id_row_pk" PRIMARY KEY("import_id","row")
);
--> statement-breakpoint
CREATE TABLE "contact_imports" (
	"id" text PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"format" text NOT NULL,
	"encoding" text,
	"bytes_total" integer NOT NULL,
	"bytes_read" integer DEFAULT 0 NOT NULL,
	"rows_read" integer DEFAULT 0 NOT NULL,
	"rows_valid" integer DEFAULT 0 NOT NULL,
	"error_count" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "message_id" text;--> statement-breakpoint
CREATE INDEX "event_receipts_received_idx" ON "event_receipts" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "contact_import_rows_external_idx" ON "contact_import_rows" USING btree ("import_id","external_id");