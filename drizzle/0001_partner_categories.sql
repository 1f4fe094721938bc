ALTER TABLE "partner_delegates" ADD COLUMN "category_id" uuid;--> statement-breakpoint
ALTER TABLE "partner_editions" ADD COLUMN "category_id" uuid;--> statement-breakpoint
ALTER TABLE "partner_delegates" ADD CONSTRAINT "partner_delegates_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_editions" ADD CONSTRAINT "partner_editions_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Hand-written: a nomination that named a category other than the standard one keeps it as its own choice; the rest follow the partner's default from now on.
UPDATE "partner_delegates" AS d SET "category_id" = c."id" FROM "categories" AS c WHERE c."event_id" = d."event_id" AND c."slug" = d."category" AND d."category" <> 'overseas-talent';--> statement-breakpoint
ALTER TABLE "partner_delegates" DROP COLUMN "category";