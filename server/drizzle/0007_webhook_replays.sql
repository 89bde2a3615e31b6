CREATE TABLE "webhook_callbacks" (
	"provider" text NOT NULL,
	"kind" text NOT NULL,
	"provider_message_id" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_callbacks_provider_kind_provider_message_id_pk" PRIMARY KEY("provider","kind","provider_message_id")
);
--> statement-breakpoint
ALTER TABLE "suppressions" ADD COLUMN "opted_out_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
-- Numbers opted out before this column existed keep the time they were recorded.
UPDATE "suppressions" SET "opted_out_at" = "created_at";
