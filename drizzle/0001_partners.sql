CREATE TYPE "public"."partner_invitation_status" AS ENUM('invited', 'accepted', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."project_status" AS ENUM('submitted', 'shortlisted', 'declined', 'withdrawn');--> statement-breakpoint
CREATE TABLE "partner_delegates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"institution" text,
	"country" text,
	"field" text,
	"degree" text,
	"bio" text,
	"category" text DEFAULT 'overseas-talent' NOT NULL,
	"status" "partner_invitation_status" DEFAULT 'invited' NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	"user_id" uuid,
	"registration_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partner_rep_invites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partner_projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"delegate_id" uuid NOT NULL,
	"title" jsonb NOT NULL,
	"field" text NOT NULL,
	"stage" text NOT NULL,
	"funding_sought" integer,
	"summary" text NOT NULL,
	"deck_path" text,
	"deck_size" integer,
	"status" "project_status" DEFAULT 'submitted' NOT NULL,
	"session_id" uuid,
	"pitch_starts_at" timestamp with time zone,
	"pitch_minutes" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "partner_delegates" ADD CONSTRAINT "partner_delegates_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_delegates" ADD CONSTRAINT "partner_delegates_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_rep_invites" ADD CONSTRAINT "partner_rep_invites_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_projects" ADD CONSTRAINT "partner_projects_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_projects" ADD CONSTRAINT "partner_projects_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_projects" ADD CONSTRAINT "partner_projects_delegate_id_partner_delegates_id_fk" FOREIGN KEY ("delegate_id") REFERENCES "public"."partner_delegates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "partner_delegates_token_key" ON "partner_delegates" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "partner_delegates_partner_event_idx" ON "partner_delegates" USING btree ("partner_id","event_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "partner_rep_invites_token_key" ON "partner_rep_invites" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "partner_rep_invites_partner_idx" ON "partner_rep_invites" USING btree ("partner_id");--> statement-breakpoint
CREATE INDEX "partner_projects_partner_event_idx" ON "partner_projects" USING btree ("partner_id","event_id");--> statement-breakpoint
CREATE INDEX "partner_projects_session_idx" ON "partner_projects" USING btree ("session_id");