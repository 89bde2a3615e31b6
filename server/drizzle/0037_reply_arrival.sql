-- When each reply came in, by the database's clock (contacts are created and numbers left by it): a contact
-- that took the number after a reply came is not who wrote it. Replies stored before have only their own
-- time, which is taken as their arrival.
ALTER TABLE "inbound_messages" ADD COLUMN "arrived_at" timestamp with time zone;--> statement-breakpoint
UPDATE "inbound_messages" SET "arrived_at" = "received_at";--> statement-breakpoint
ALTER TABLE "inbound_messages" ALTER COLUMN "arrived_at" SET DEFAULT now();--> statement-breakpoint
ALTER TABLE "inbound_messages" ALTER COLUMN "arrived_at" SET NOT NULL;
