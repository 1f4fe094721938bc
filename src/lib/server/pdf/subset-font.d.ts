declare module 'subset-font' {
	/** HarfBuzz subsetting (harfbuzzjs): a font with only the glyphs of `text`. */
	export default function subsetFont(font: Uint8Array, text: string, options?: { targetFormat?: 'sfnt' | 'truetype' | 'woff' | 'woff2' }): Promise<Buffer>;
}
