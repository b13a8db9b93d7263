/** What to fix, per booking error code of Planaday's document (400 Bad Request, codes 400-429). */
const BOOKING_HINTS: Record<number, string> = {
	400: 'The course ID is missing: choose a course.',
	401: 'Planaday could not read the booking: check values entered with expressions (JSON text, quotes).',
	402: 'Add at least one student.',
	403: 'Set each student’s gender to Male, Female, Not Applicable, Not Relevant or Unknown.',
	404: 'Every student needs a first name.',
	405: 'Every student needs a last name.',
	406: 'A student’s email address is not valid: correct it or leave it empty.',
	407: 'The booking names another course than the one chosen; choose the course again.',
	408: 'The company needs a name (or remove the company).',
	409: 'The company needs a street address (or remove the company).',
	410: 'The company needs a house number (or remove the company).',
	411: 'The company needs a postal code (or remove the company).',
	412: 'The company needs a city (or remove the company).',
	413: 'This course has no dayparts yet, so it cannot be booked; plan its dayparts in Planaday first.',
	414: 'Planaday does not know this course: pick the course from the list.',
	415: 'This course has no dayparts yet, so it cannot be booked; plan its dayparts in Planaday first.',
	416: 'A chosen daypart does not belong to this course: choose dayparts from the list for this course (empty means all).',
	417: 'A chosen material does not belong to this course: choose materials from the list for this course.',
	418: 'The booking is marked paid: add the payment party and transaction ID.',
	419: 'This course requires attributes: add them under Attributes.',
	420: 'With attributes, a booking can hold only one student: book each student separately.',
	421: 'Each attribute needs its code.',
	422: 'Each attribute needs a value.',
	423: 'An attribute code does not exist for this course or daypart: use a code the course lists.',
	424: 'Not all attributes the course requires are given: add the missing ones.',
	425: 'An attribute value is not one the course allows: use an allowed value.',
	426: 'A student’s language is not one Planaday knows: use Dutch, English, French, German or Polish.',
	427: 'This course takes no attributes: remove them.',
	428: 'An attribute allows only one value: give one.',
	429: 'An attribute requires a value: give one.',
};

export function bookingErrorHint(code: number): string | undefined {
	return BOOKING_HINTS[code];
}

export const BOOKING_ERROR_CODES = Object.keys(BOOKING_HINTS).map(Number);
