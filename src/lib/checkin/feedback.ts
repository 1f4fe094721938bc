/** A glance is not always possible in a queue: a sound and a buzz say the result too. */
let audio: AudioContext | undefined;

const TONES = {
	admitted: [{ f: 880, d: 0.12 }],
	already_admitted: [
		{ f: 660, d: 0.1 },
		{ f: 660, d: 0.1 }
	],
	rejected: [{ f: 220, d: 0.4 }]
} as const;

export function feedback(result: keyof typeof TONES) {
	try {
		audio ??= new AudioContext();
		let t = audio.currentTime;
		for (const tone of TONES[result]) {
			const osc = audio.createOscillator();
			const gain = audio.createGain();
			osc.type = result === 'rejected' ? 'square' : 'sine';
			osc.frequency.value = tone.f;
			gain.gain.setValueAtTime(0.2, t);
			gain.gain.exponentialRampToValueAtTime(0.001, t + tone.d);
			osc.connect(gain).connect(audio.destination);
			osc.start(t);
			osc.stop(t + tone.d);
			t += tone.d + 0.05;
		}
	} catch {
		/* no audio: the screen still says it */
	}
	navigator.vibrate?.(result === 'admitted' ? 80 : result === 'already_admitted' ? [80, 60, 80] : [300, 100, 300]);
}
