/**
 * What to fix, per booking error code (400 Bad Request): codes 400-429 of Planaday's document and
 * 430-436 of the client generated from its swagger (date of birth and STAP courses).
 */
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
	419: 'This course asks questions at booking: answer them under Course Questions (the list marks the required ones).',
	420: 'When Course Questions are answered, a booking can hold only one student: book each student separately.',
	421: 'Each answer under Course Questions needs its question: choose it from the list.',
	422: 'Each question under Course Questions needs an answer.',
	423: 'A question under Course Questions is not one this course asks: choose the question from the list for this course.',
	424: 'Not every question the course requires is answered: add the missing ones under Course Questions (the list marks them required).',
	425: 'An answer is not one the question allows: use one of the answers the list shows for the question.',
	426: 'A student’s language is not one Planaday knows: use Dutch, English, French, German or Polish.',
	427: 'This course asks no questions at booking: remove the Course Questions.',
	428: 'A question allows only one answer: give one.',
	429: 'A question requires an answer: give one.',
	430: 'A student’s date of birth is not a valid date: correct it (e.g. 1990-05-31) or leave it empty.',
	431: 'This is a STAP course: every student needs a date of birth (under More Student Fields).',
	432: 'This is a STAP course: every student needs an address (street) under More Student Fields.',
	433: 'This is a STAP course: every student needs a house number under More Student Fields.',
	434: 'This is a STAP course: every student needs a postal code under More Student Fields.',
	435: 'This is a STAP course: every student needs a city under More Student Fields.',
	436: 'This course takes STAP bookings only: book it as a STAP booking in Planaday, or choose another course.',
};

/** Planaday's codes as causes an operation explains (`code:402`), for the shared error shaping. */
const byCode = (hints: Record<number, string>) => Object.fromEntries(Object.entries(hints).map(([code, hint]) => [`code:${code}`, hint]));

/** Hints for Booking → Book, by Planaday's error code. */
export const bookingHints = byCode(BOOKING_HINTS);


/** Hints for Booking → Mark as Paid (the same numbers mean other things there). */
export const markPaidHints = byCode({
	400: 'The booking ID is missing: use the booking_id that Booking → Book put out.',
	401: 'Planaday could not read the request: check values entered with expressions.',
	402: 'The payment is missing: give the payment party and transaction ID.',
	403: 'The payment party is missing: say who handled the payment (e.g. ideal).',
	404: 'The transaction ID is missing: give the payment provider’s reference.',
});

/** Hints for Booking → Delete (codes 401-404 come from the client generated from Planaday's swagger). */
export const deleteBookingHints = byCode({
	400: 'The booking ID is missing: use the booking_id that Booking → Book put out.',
	401: 'Planaday does not know this booking ID: check it, or fill in Cancel Information (internal reference, source and reason) so Planaday can find the booking.',
	402: 'Cancel Information: "Internal Reference" is empty.',
	403: 'Cancel Information: "Source" is empty.',
	404: 'Cancel Information: "Reason" is empty.',
});
