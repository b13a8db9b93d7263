/**
 * "a user", "an invoice", "an hour", "a unit": the article English uses before a noun, by its
 * sound, not its first letter.
 */
export function withArticle(noun: string): string {
	const word = noun.trim();
	const lower = word.toLowerCase();
	// A vowel letter with a consonant sound ("user", "unit", "European", "one"), or a silent h ("hour").
	const soundsLikeConsonant = /^(u[bcfhjkqrstnlgm][aeiou]|u[kn]i|use|usa|euro?|eu|one|once|uni)/.test(lower) && !/^un[^i]/.test(lower);
	// An abbreviation is read letter by letter: "an HR system", "a URL".
	if (/^[A-Z]{2,}\b/.test(word)) return `${/^[AEFHILMNORSX]/.test(word) ? 'an' : 'a'} ${word}`;
	const vowel = /^(hour|honou?r|honest|heir)/.test(lower) || (/^[aeiou]/.test(lower) && !soundsLikeConsonant);
	return `${vowel ? 'an' : 'a'} ${word}`;
}
