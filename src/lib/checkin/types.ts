/** Shapes shared by the server and the scanner page. */

/** The answer given for a scan, stored so that a resent scan id gets exactly the first answer. */
export interface ScanAnswer {
	scanId: string;
	result: 'admitted' | 'already_admitted' | 'rejected';
	reason?: string;
	direction: 'entry' | 'exit';
	checkpointId: string;
	scannedAt: string;
	attendee?: {
		publicId: string;
		name: string;
		nameZh: string | null;
		organization: string | null;
		category: { id: string; name: { zh: string; en: string }; color: string };
	};
	firstAdmission?: { at: string; checkpointId: string; checkpointName: { zh: string; en: string } | null; deviceId: string | null; deviceName: string | null };
}
