CREATE TYPE "public"."checkpoint_kind" AS ENUM('entrance', 'venue_door', 'session_room');--> statement-breakpoint
CREATE TYPE "public"."scan_direction" AS ENUM('entry', 'exit');--> statement-breakpoint
CREATE TYPE "public"."scan_result" AS ENUM('admitted', 'already_admitted', 'rejected');--> statement-breakpoint
CREATE TABLE "checkpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"name" jsonb NOT NULL,
	"kind" "checkpoint_kind" NOT NULL,
	"venue_id" uuid,
	"room_id" uuid,
	"rules" jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"name" text NOT NULL,
	"checkpoint_ids" uuid[] NOT NULL,
	"pairing_hash" text,
	"pairing_expires_at" timestamp with time zone,
	"token_hash" text,
	"paired_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scan_id" text NOT NULL,
	"event_id" uuid NOT NULL,
	"checkpoint_id" uuid NOT NULL,
	"registration_id" uuid,
	"device_id" uuid,
	"user_id" uuid,
	"result" "scan_result" NOT NULL,
	"reason" text,
	"direction" "scan_direction" NOT NULL,
	"scanned_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revised_at" timestamp with time zone,
	"answer" jsonb NOT NULL,
	"offline" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "checkpoints" ADD CONSTRAINT "checkpoints_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkpoints" ADD CONSTRAINT "checkpoints_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkpoints" ADD CONSTRAINT "checkpoints_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scans" ADD CONSTRAINT "scans_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scans" ADD CONSTRAINT "scans_checkpoint_id_checkpoints_id_fk" FOREIGN KEY ("checkpoint_id") REFERENCES "public"."checkpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scans" ADD CONSTRAINT "scans_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scans" ADD CONSTRAINT "scans_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scans" ADD CONSTRAINT "scans_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "checkpoints_event_idx" ON "checkpoints" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "devices_event_idx" ON "devices" USING btree ("event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "devices_token_hash_key" ON "devices" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "devices_pairing_hash_key" ON "devices" USING btree ("pairing_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "scans_scan_id_key" ON "scans" USING btree ("scan_id");--> statement-breakpoint
CREATE INDEX "scans_registration_idx" ON "scans" USING btree ("registration_id","checkpoint_id","scanned_at");--> statement-breakpoint
CREATE INDEX "scans_checkpoint_time_idx" ON "scans" USING btree ("checkpoint_id","scanned_at");--> statement-breakpoint
CREATE INDEX "scans_event_time_idx" ON "scans" USING btree ("event_id","scanned_at");--> statement-breakpoint
CREATE INDEX "scans_device_revised_idx" ON "scans" USING btree ("device_id","revised_at");