CREATE TABLE "inbound_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"phone" text NOT NULL,
	"text" text NOT NULL,
	"keyword" text,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "link_clicks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"message_id" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"user_agent" text
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "link_code" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "link_url" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "click_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "carrier_code" text;--> statement-breakpoint
CREATE INDEX "inbound_phone_idx" ON "inbound_messages" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "messages_link_code_idx" ON "messages" USING btree ("link_code");--> statement-breakpoint
CREATE INDEX "messages_provider_id_idx" ON "messages" USING btree ("provider_id");