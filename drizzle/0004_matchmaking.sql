CREATE TYPE "public"."match_kind" AS ENUM('talent', 'enterprise', 'investor', 'incubator', 'government', 'research');--> statement-breakpoint
CREATE TYPE "public"."match_meeting_status" AS ENUM('unscheduled', 'scheduled', 'held', 'no_show', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."match_outcome" AS ENUM('talks', 'agreement', 'company_founded', 'none');--> statement-breakpoint
CREATE TYPE "public"."match_request_status" AS ENUM('pending', 'accepted', 'declined', 'expired', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."match_scheduling" AS ENUM('self', 'organizer');--> statement-breakpoint
CREATE TABLE "match_meeting_seats" (
	"meeting_id" uuid NOT NULL,
	"profile_id" uuid NOT NULL,
	"slot_id" uuid NOT NULL,
	CONSTRAINT "match_meeting_seats_meeting_id_profile_id_pk" PRIMARY KEY("meeting_id","profile_id")
);
--> statement-breakpoint
CREATE TABLE "match_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"a_profile_id" uuid NOT NULL,
	"b_profile_id" uuid NOT NULL,
	"slot_id" uuid,
	"table_id" uuid,
	"remote" boolean DEFAULT false NOT NULL,
	"video_url" text,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"locked" boolean DEFAULT false NOT NULL,
	"status" "match_meeting_status" DEFAULT 'unscheduled' NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"held_at" timestamp with time zone,
	"held_by" uuid,
	"no_show_side" text,
	"a_report" text,
	"b_report" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "match_openings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"profile_id" uuid NOT NULL,
	"title" jsonb NOT NULL,
	"sector" text NOT NULL,
	"city" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "match_outcomes" (
	"meeting_id" uuid NOT NULL,
	"profile_id" uuid NOT NULL,
	"outcome" "match_outcome",
	"asked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp with time zone,
	CONSTRAINT "match_outcomes_meeting_id_profile_id_pk" PRIMARY KEY("meeting_id","profile_id")
);
--> statement-breakpoint
CREATE TABLE "match_profile_projects" (
	"profile_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	CONSTRAINT "match_profile_projects_profile_id_project_id_pk" PRIMARY KEY("profile_id","project_id")
);
--> statement-breakpoint
CREATE TABLE "match_profiles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"registration_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"listed" boolean DEFAULT false NOT NULL,
	"kind" "match_kind" NOT NULL,
	"organization" text DEFAULT '' NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"sectors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"offers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"seeks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"pitch" jsonb DEFAULT '{"zh":"","en":""}'::jsonb NOT NULL,
	"languages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"phone" text,
	"photo" text,
	"time_zone" text,
	"search_text" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "match_ratings" (
	"meeting_id" uuid NOT NULL,
	"profile_id" uuid NOT NULL,
	"stars" smallint NOT NULL,
	"follow_up" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "match_ratings_meeting_id_profile_id_pk" PRIMARY KEY("meeting_id","profile_id")
);
--> statement-breakpoint
CREATE TABLE "match_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"from_profile_id" uuid NOT NULL,
	"to_profile_id" uuid NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"opening_id" uuid,
	"project_id" uuid,
	"status" "match_request_status" DEFAULT 'pending' NOT NULL,
	"brokered_by" uuid,
	"broker_partner_id" uuid,
	"from_accepted" boolean DEFAULT true NOT NULL,
	"to_accepted" boolean DEFAULT false NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "match_schedule_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"by" uuid,
	"solver" text NOT NULL,
	"placed" integer NOT NULL,
	"unplaced" integer DEFAULT 0 NOT NULL,
	"bound" integer NOT NULL,
	"optimal" boolean NOT NULL,
	"idle_gaps" integer DEFAULT 0 NOT NULL,
	"ms" integer NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "match_sessions" (
	"session_id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"slot_minutes" integer NOT NULL,
	"gap_minutes" integer DEFAULT 5 NOT NULL,
	"table_count" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "match_settings" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"scheduling" "match_scheduling" DEFAULT 'self' NOT NULL,
	"request_ttl_hours" integer DEFAULT 72 NOT NULL,
	"caps" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"walk_minutes" integer DEFAULT 5 NOT NULL,
	"schedule_published_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "match_slots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"room_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "match_tables" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"room_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"fixed_profile_id" uuid
);
--> statement-breakpoint
CREATE TABLE "match_unavailability" (
	"profile_id" uuid NOT NULL,
	"slot_id" uuid NOT NULL,
	CONSTRAINT "match_unavailability_profile_id_slot_id_pk" PRIMARY KEY("profile_id","slot_id")
);
--> statement-breakpoint
ALTER TABLE "match_meeting_seats" ADD CONSTRAINT "match_meeting_seats_meeting_id_match_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."match_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_meeting_seats" ADD CONSTRAINT "match_meeting_seats_profile_id_match_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."match_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_meeting_seats" ADD CONSTRAINT "match_meeting_seats_slot_id_match_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."match_slots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_meetings" ADD CONSTRAINT "match_meetings_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_meetings" ADD CONSTRAINT "match_meetings_request_id_match_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."match_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_meetings" ADD CONSTRAINT "match_meetings_a_profile_id_match_profiles_id_fk" FOREIGN KEY ("a_profile_id") REFERENCES "public"."match_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_meetings" ADD CONSTRAINT "match_meetings_b_profile_id_match_profiles_id_fk" FOREIGN KEY ("b_profile_id") REFERENCES "public"."match_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_meetings" ADD CONSTRAINT "match_meetings_slot_id_match_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."match_slots"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_meetings" ADD CONSTRAINT "match_meetings_table_id_match_tables_id_fk" FOREIGN KEY ("table_id") REFERENCES "public"."match_tables"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_openings" ADD CONSTRAINT "match_openings_profile_id_match_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."match_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_outcomes" ADD CONSTRAINT "match_outcomes_meeting_id_match_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."match_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_outcomes" ADD CONSTRAINT "match_outcomes_profile_id_match_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."match_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_profile_projects" ADD CONSTRAINT "match_profile_projects_profile_id_match_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."match_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_profile_projects" ADD CONSTRAINT "match_profile_projects_project_id_partner_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."partner_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_profiles" ADD CONSTRAINT "match_profiles_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_profiles" ADD CONSTRAINT "match_profiles_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_profiles" ADD CONSTRAINT "match_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_ratings" ADD CONSTRAINT "match_ratings_meeting_id_match_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."match_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_ratings" ADD CONSTRAINT "match_ratings_profile_id_match_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."match_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_requests" ADD CONSTRAINT "match_requests_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_requests" ADD CONSTRAINT "match_requests_from_profile_id_match_profiles_id_fk" FOREIGN KEY ("from_profile_id") REFERENCES "public"."match_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_requests" ADD CONSTRAINT "match_requests_to_profile_id_match_profiles_id_fk" FOREIGN KEY ("to_profile_id") REFERENCES "public"."match_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_requests" ADD CONSTRAINT "match_requests_opening_id_match_openings_id_fk" FOREIGN KEY ("opening_id") REFERENCES "public"."match_openings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_requests" ADD CONSTRAINT "match_requests_project_id_partner_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."partner_projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_requests" ADD CONSTRAINT "match_requests_brokered_by_users_id_fk" FOREIGN KEY ("brokered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_requests" ADD CONSTRAINT "match_requests_broker_partner_id_partners_id_fk" FOREIGN KEY ("broker_partner_id") REFERENCES "public"."partners"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_schedule_runs" ADD CONSTRAINT "match_schedule_runs_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_schedule_runs" ADD CONSTRAINT "match_schedule_runs_by_users_id_fk" FOREIGN KEY ("by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_sessions" ADD CONSTRAINT "match_sessions_session_id_program_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."program_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_sessions" ADD CONSTRAINT "match_sessions_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_settings" ADD CONSTRAINT "match_settings_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_slots" ADD CONSTRAINT "match_slots_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_slots" ADD CONSTRAINT "match_slots_session_id_match_sessions_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."match_sessions"("session_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_slots" ADD CONSTRAINT "match_slots_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_tables" ADD CONSTRAINT "match_tables_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_tables" ADD CONSTRAINT "match_tables_session_id_match_sessions_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."match_sessions"("session_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_tables" ADD CONSTRAINT "match_tables_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_tables" ADD CONSTRAINT "match_tables_fixed_profile_id_match_profiles_id_fk" FOREIGN KEY ("fixed_profile_id") REFERENCES "public"."match_profiles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_unavailability" ADD CONSTRAINT "match_unavailability_profile_id_match_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."match_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_unavailability" ADD CONSTRAINT "match_unavailability_slot_id_match_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."match_slots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "match_meeting_seats_profile_slot_key" ON "match_meeting_seats" USING btree ("profile_id","slot_id");--> statement-breakpoint
CREATE UNIQUE INDEX "match_meetings_request_key" ON "match_meetings" USING btree ("request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "match_meetings_slot_table_key" ON "match_meetings" USING btree ("slot_id","table_id") WHERE status <> 'cancelled' and slot_id is not null;--> statement-breakpoint
CREATE INDEX "match_meetings_event_status_idx" ON "match_meetings" USING btree ("event_id","status");--> statement-breakpoint
CREATE INDEX "match_meetings_a_idx" ON "match_meetings" USING btree ("a_profile_id");--> statement-breakpoint
CREATE INDEX "match_meetings_b_idx" ON "match_meetings" USING btree ("b_profile_id");--> statement-breakpoint
CREATE INDEX "match_openings_profile_idx" ON "match_openings" USING btree ("profile_id");--> statement-breakpoint
CREATE UNIQUE INDEX "match_profiles_registration_key" ON "match_profiles" USING btree ("registration_id");--> statement-breakpoint
CREATE UNIQUE INDEX "match_profiles_event_user_key" ON "match_profiles" USING btree ("event_id","user_id");--> statement-breakpoint
CREATE INDEX "match_profiles_event_listed_idx" ON "match_profiles" USING btree ("event_id","listed","kind");--> statement-breakpoint
CREATE INDEX "match_requests_from_idx" ON "match_requests" USING btree ("from_profile_id","status");--> statement-breakpoint
CREATE INDEX "match_requests_to_idx" ON "match_requests" USING btree ("to_profile_id","status");--> statement-breakpoint
CREATE INDEX "match_requests_event_status_idx" ON "match_requests" USING btree ("event_id","status","expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "match_requests_pending_pair_key" ON "match_requests" USING btree ("from_profile_id","to_profile_id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "match_schedule_runs_event_idx" ON "match_schedule_runs" USING btree ("event_id","created_at");--> statement-breakpoint
CREATE INDEX "match_slots_event_idx" ON "match_slots" USING btree ("event_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "match_slots_session_position_key" ON "match_slots" USING btree ("session_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "match_tables_session_number_key" ON "match_tables" USING btree ("session_id","number");