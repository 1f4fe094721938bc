CREATE TYPE "public"."seat_status" AS ENUM('booked', 'waitlisted', 'cancelled');--> statement-breakpoint
CREATE TABLE "seat_bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"session_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"registration_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"status" "seat_status" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "seat_bookings" ADD CONSTRAINT "seat_bookings_session_id_program_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."program_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_bookings" ADD CONSTRAINT "seat_bookings_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_bookings" ADD CONSTRAINT "seat_bookings_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_bookings" ADD CONSTRAINT "seat_bookings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "seat_bookings_live_key" ON "seat_bookings" USING btree ("session_id","user_id") WHERE status <> 'cancelled';--> statement-breakpoint
CREATE INDEX "seat_bookings_session_status_idx" ON "seat_bookings" USING btree ("session_id","status","seq");--> statement-breakpoint
CREATE INDEX "seat_bookings_user_idx" ON "seat_bookings" USING btree ("user_id","status");--> statement-breakpoint
CREATE INDEX "registrations_event_seq_idx" ON "registrations" USING btree ("event_id","seq");--> statement-breakpoint
CREATE INDEX "registrations_event_category_idx" ON "registrations" USING btree ("event_id","category_id","seq");--> statement-breakpoint
CREATE INDEX "registrations_event_partner_idx" ON "registrations" USING btree ("event_id","partner_id");--> statement-breakpoint
CREATE INDEX "registrations_event_country_idx" ON "registrations" USING btree ("event_id","country");--> statement-breakpoint
CREATE INDEX "registrations_event_field_idx" ON "registrations" USING btree ("event_id","field");--> statement-breakpoint
CREATE INDEX "registrations_user_idx" ON "registrations" USING btree ("user_id");