-- Registers a batch of people in one category, in one call (see src/lib/server/registrations/register.ts).
-- PL/pgSQL because its statements' plans are kept for the session: planning this many joins and
-- inserts costs more than running them, on the embedded database above all.
--
-- The invariant: never more places (pending + approved) than the capacity. The category row is
-- locked first; the count is a separate statement, so in READ COMMITTED it takes a fresh snapshot
-- and sees every place committed before the lock was granted. Places go in the order of `ord`.
-- Each person is a JSON object: ord, pub (public id), user_id, answers, country, field,
-- consent_version, consent_at, code (the signed badge code, used if approved), email, name, locale
-- (the account as the caller rendered the mails for it), and the two mails, room_* (for p_room)
-- and wait_* (waitlisted). A mail is written only if the account still has that address, name and
-- language and is not erased; `mailed` false tells the caller to write it itself.
CREATE FUNCTION register_batch(p_event uuid, p_category uuid, p_room registration_status, p_mail_status mail_status, p_people jsonb)
RETURNS TABLE (ord int, mine_id uuid, mine_status registration_status, id uuid, status registration_status, public_id text, mailed boolean, badged boolean)
LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
DECLARE
	v_capacity int;
	v_placed int;
BEGIN
	SELECT c.capacity INTO v_capacity FROM categories c WHERE c.id = p_category FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'register_batch: no category %', p_category USING ERRCODE = 'P0002';
	END IF;
	SELECT count(*)::int INTO v_placed FROM registrations r WHERE r.category_id = p_category AND r.status IN ('pending', 'approved');
	RETURN QUERY
	WITH input AS (
		SELECT * FROM jsonb_to_recordset(p_people) AS t(
			ord int, pub text, user_id uuid, answers jsonb, country text, field text, consent_version text, consent_at timestamptz,
			code text, email text, name text, locale text,
			room_kind text, room_subject text, room_text text, wait_kind text, wait_subject text, wait_text text)
	),
	mine AS (
		SELECT i.ord, m.id, m.status FROM input i
		CROSS JOIN LATERAL (SELECT r.id, r.status FROM registrations r WHERE r.event_id = p_event AND r.user_id = i.user_id LIMIT 1) m
	),
	fresh AS (
		SELECT i.*, row_number() OVER (ORDER BY i.ord) AS k FROM input i WHERE NOT EXISTS (SELECT 1 FROM mine m WHERE m.ord = i.ord)
	),
	ins AS (
		INSERT INTO registrations AS r (public_id, event_id, user_id, category_id, status, answers, country, field, consent_version, consent_at)
		SELECT f.pub, p_event, f.user_id, p_category,
			CASE WHEN v_capacity IS NULL OR v_placed + f.k <= v_capacity THEN p_room ELSE 'waitlisted'::registration_status END,
			f.answers, f.country, f.field, f.consent_version, f.consent_at
		FROM fresh f ORDER BY f.ord
		RETURNING r.id, r.status, r.public_id
	),
	badge AS (
		INSERT INTO badges AS b (registration_id, version, event_id, code)
		SELECT ins.id, 1, p_event, f.code FROM ins JOIN fresh f ON f.pub = ins.public_id
		WHERE ins.status = 'approved' AND f.code IS NOT NULL
		RETURNING b.registration_id
	),
	unchanged AS (
		SELECT f.ord FROM fresh f
		CROSS JOIN LATERAL (SELECT u.email, u.name, u.locale, u.erased_at FROM users u WHERE u.id = f.user_id LIMIT 1) u
		WHERE u.email = f.email AND u.name = f.name AND u.locale::text = f.locale AND u.erased_at IS NULL
	),
	mail AS (
		INSERT INTO outbox AS o ("to", subject, text, kind, locale, status)
		SELECT f.email,
			CASE WHEN ins.status = 'waitlisted' THEN f.wait_subject ELSE f.room_subject END,
			CASE WHEN ins.status = 'waitlisted' THEN f.wait_text ELSE f.room_text END,
			CASE WHEN ins.status = 'waitlisted' THEN f.wait_kind ELSE f.room_kind END,
			f.locale, p_mail_status
		FROM ins JOIN fresh f ON f.pub = ins.public_id JOIN unchanged x ON x.ord = f.ord
		RETURNING o.id
	)
	SELECT i.ord, m.id, m.status, ins.id, ins.status, ins.public_id,
		EXISTS (SELECT 1 FROM unchanged x WHERE x.ord = i.ord),
		EXISTS (SELECT 1 FROM badge b WHERE b.registration_id = ins.id)
	FROM input i
	LEFT JOIN mine m ON m.ord = i.ord
	LEFT JOIN ins ON ins.public_id = i.pub
	ORDER BY i.ord;
END;
$$;
