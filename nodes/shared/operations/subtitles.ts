/**
 * Canvas subtitles of the triggers: the chosen events as their names in the Events list ("New
 * Course Planned, Course Changed…"), not the values the workflow stores ("courseAdded, courseChanged").
 * The editor works the subtitle out from an expression, so the names travel in it as a table.
 */

/** Value → name of a dropdown's options; the JSON of plain names holds no "}}", so the expression stays one. */
function nameTable(options: Array<{ name: string; value: string }>): string {
	const names = Object.fromEntries(options.map((option) => [option.value, option.name]));
	const json = JSON.stringify(names);
	if (json.includes('}}')) throw new Error('An option name holds "}}"');
	return json;
}

/** The subtitle of a single choice (an `options` parameter): its name. */
export function choiceSubtitle(parameter: string, options: Array<{ name: string; value: string }>): string {
	return `={{ (${nameTable(options)})[$parameter["${parameter}"]] ?? $parameter["${parameter}"] }}`;
}

/**
 * The subtitle of several choices (a `multiOptions` parameter): their names joined by commas, and
 * beyond `most` of them "and N more".
 */
export function choicesSubtitle(parameter: string, options: Array<{ name: string; value: string }>, most = 3): string {
	const shown = `chosen.slice(0, ${most}).map((value) => names[value] ?? value).join(", ")`;
	const more = `(chosen.length > ${most} ? " and " + (chosen.length - ${most}) + " more" : "")`;
	return `={{ ((names, chosen) => ${shown} + ${more})(${nameTable(options)}, [].concat($parameter["${parameter}"] ?? [])) }}`;
}
