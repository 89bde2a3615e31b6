CREATE TABLE "alarms" (
	"key" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"detail" jsonb NOT NULL,
	"count" integer DEFAULT 1 NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "coupon_pools" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coupons" (
	"code" text PRIMARY KEY NOT NULL,
	"pool_id" text,
	"status" text NOT NULL,
	"message_key" text,
	"contact_id" text,
	"journey_id" text,
	"node_id" text,
	"expires_at" timestamp with time zone,
	"issued_at" timestamp with time zone,
	"redeemed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "coupons_pool_status_idx" ON "coupons" USING btree ("pool_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "coupons_message_idx" ON "coupons" USING btree ("message_key");