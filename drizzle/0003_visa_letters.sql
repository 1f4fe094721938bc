CREATE TYPE "public"."visa_request_status" AS ENUM('submitted', 'correction', 'approved', 'rejected', 'revoked', 'withdrawn');--> statement-breakpoint
CREATE TABLE "visa_counters" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"last" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visa_letters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"number" text NOT NULL,
	"verify_id" text NOT NULL,
	"passport_name" text NOT NULL,
	"nationality" text NOT NULL,
	"entry_date" date NOT NULL,
	"exit_date" date NOT NULL,
	"entries" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"kid" text NOT NULL,
	"signature" text NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoke_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visa_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"registration_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"partner_id" uuid,
	"requested_by" uuid NOT NULL,
	"status" "visa_request_status" DEFAULT 'submitted' NOT NULL,
	"passport_name" text NOT NULL,
	"nationality" text NOT NULL,
	"sex" text NOT NULL,
	"passport_number_enc" text,
	"date_of_birth_enc" text,
	"passport_expiry" date,
	"employer" text NOT NULL,
	"position" text NOT NULL,
	"entry_date" date NOT NULL,
	"exit_date" date NOT NULL,
	"consulate" text NOT NULL,
	"entries" text NOT NULL,
	"note" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"purged_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visa_settings" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"host_name" jsonb NOT NULL,
	"host_address" jsonb NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"contact_email" text NOT NULL,
	"signatory_name" jsonb NOT NULL,
	"signatory_title" jsonb NOT NULL,
	"number_prefix" text NOT NULL,
	"purge_after_days" integer,
	"letterhead" text,
	"seal" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "visa_counters" ADD CONSTRAINT "visa_counters_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visa_letters" ADD CONSTRAINT "visa_letters_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visa_letters" ADD CONSTRAINT "visa_letters_request_id_visa_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."visa_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visa_requests" ADD CONSTRAINT "visa_requests_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visa_requests" ADD CONSTRAINT "visa_requests_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visa_requests" ADD CONSTRAINT "visa_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visa_requests" ADD CONSTRAINT "visa_requests_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visa_settings" ADD CONSTRAINT "visa_settings_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "visa_letters_event_seq_key" ON "visa_letters" USING btree ("event_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "visa_letters_verify_key" ON "visa_letters" USING btree ("verify_id");--> statement-breakpoint
CREATE UNIQUE INDEX "visa_letters_current_key" ON "visa_letters" USING btree ("request_id") WHERE revoked_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "visa_requests_registration_key" ON "visa_requests" USING btree ("registration_id");--> statement-breakpoint
CREATE INDEX "visa_requests_event_status_idx" ON "visa_requests" USING btree ("event_id","status");--> statement-breakpoint
CREATE INDEX "visa_requests_partner_idx" ON "visa_requests" USING btree ("partner_id","event_id");