/** The admission rules live in `$lib/checkin/rules` so the offline scanner applies the very same ones. */
export * from '$lib/checkin/rules';
