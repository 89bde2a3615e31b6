CREATE TABLE "provider_templates" (
	"provider" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"text" text NOT NULL,
	"variables" jsonb NOT NULL,
	"category" text NOT NULL,
	"status" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "provider_templates_provider_code_pk" PRIMARY KEY("provider","code")
);
