/**
 * What an Eduframe administrator can do when Eduframe refuses an operation: its API key lacks the
 * scope the operation needs, or a feature of Eduframe the operation needs is not switched on.
 * Every generated operation names what it needs (from Eduframe's OpenAPI file); the Eduframe
 * profile tells the two causes apart from Eduframe's answer where it can.
 */
export interface EduframeNeeds {
	/** OAuth scopes of the operation; any one of them will do (`a+b` needs both). */
	scopes: string[];
	/** An Eduframe feature flag the operation needs ("Programs", "Custom objects", ...). */
	feature?: string;
	/** What the records are called ("program edition"). */
	subject: string;
	/** The path names one record (a 404 may be a wrong ID). */
	byId?: boolean;
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** Hints by status code and by cause (`scope`, `feature`), for the shared error shaping. */
export function refusalHints(needs: EduframeNeeds): Record<string, string> {
	const hints: Record<string, string> = {};
	const scopes = needs.scopes.map((scope) => `"${scope.replace(/\+/g, '" and "')}"`).join(' or ');
	const scope = needs.scopes.length
		? `Your Eduframe API key lacks the permission (scope) ${scopes} that this needs. An Eduframe administrator can give the key that scope, or make a new key with it; then paste it into the "Eduframe API" credential.` +
			(needs.scopes.some((entry) => entry.includes('enrollments:'))
				? ' Eduframe moved enrollments, grades, attendances, program enrollments and theses to the enrollments scopes, so keys made before that may lack it.'
				: '')
		: '';
	const feature = needs.feature
		? `This needs Eduframe's "${needs.feature}" feature, which is not switched on for your Eduframe. Ask Eduframe support (support@eduframe.nl) to enable it.`
		: '';
	if (scope) hints.scope = scope;
	if (feature) hints.feature = feature;
	hints['403'] = [scope, feature && scope ? `If the key has it: ${lowerFirst(feature)}` : feature].filter(Boolean).join(' ');
	if (feature) {
		hints['404'] = needs.byId
			? `No Eduframe ${needs.subject} has this ID. Pick it from the list, or check the ID. If every ${needs.subject} answers this, ${lowerFirst(feature)}`
			: `Eduframe found nothing here. ${feature}`;
	}
	return hints;
}
