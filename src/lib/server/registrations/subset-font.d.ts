/** subset-font ships no types; this is the one call the badge uses. */
declare module 'subset-font' {
	export default function subsetFont(font: Buffer, text: string, options?: { targetFormat?: 'sfnt' | 'truetype' | 'woff' | 'woff2'; preserveNameIds?: number[]; variationAxes?: Record<string, number> }): Promise<Buffer>;
}
