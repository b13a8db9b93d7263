/**
 * The people of the HR sync examples (examples/eduframe-hr-sync.json, examples/accessplanit-hr-sync.json)
 * as the platforms hold them before the first sync: the employees of "Acme Care" that came from HR
 * earlier, and one trainer the sync must never touch. `addHrExample()` of each sandbox adds them (the
 * demo and the e2e test call it). The examples' "HR employees" node lists them as HR has them now:
 * Daan took a double surname, Emma moved to Operations, Julia's leaving date has passed, Thomas is no
 * longer listed, Noah and Tess joined, and one row has no email or employee number.
 */
export interface HrExamplePerson {
	firstName: string;
	lastName: string;
	email: string;
	employeeNumber: string;
	department: string;
}

export const HR_EXAMPLE_COMPANY = { ID: 'ACME950Z', Name: 'Acme Care' };

/** The label of the employees the Eduframe sync manages, and the one it gives leavers. */
export const HR_EXAMPLE_LABELS = { employees: 'Employees', left: 'Left' };

const person = (firstName: string, lastName: string, employeeNumber: string, department: string): HrExamplePerson => ({
	firstName,
	lastName,
	email: `${firstName}.${lastName.replace(/\s+/g, '')}@acme-care.example`.toLowerCase(),
	employeeNumber,
	department,
});

/** The employees the platforms know (managed by the sync). */
export const HR_EXAMPLE_EMPLOYEES: HrExamplePerson[] = [
	person('Sanne', 'de Vries', 'E1001', 'Care'),
	person('Daan', 'Jansen', 'E1002', 'Care'),
	person('Emma', 'Visser', 'E1003', 'Finance'),
	person('Lucas', 'Smit', 'E1004', 'Care'),
	person('Julia', 'Mulder', 'E1005', 'Care'),
	person('Thomas', 'de Boer', 'E1006', 'Facilities'),
	person('Lotte', 'Bos', 'E1007', 'Care'),
	person('Finn', 'Dekker', 'E1008', 'Finance'),
	person('Mila', 'Peters', 'E1009', 'Care'),
	person('Sem', 'Hendriks', 'E1010', 'Facilities'),
];

/** A trainer with an Acme address whom HR does not list and the sync does not manage. */
export const HR_EXAMPLE_TRAINER: HrExamplePerson = person('Pieter', 'Bos', '', 'Training');

/** One employee as the examples' "HR employees" node returns them (what an HR export holds). */
export interface HrExampleRow {
	firstName: string;
	lastName: string;
	email: string;
	employeeNumber: string;
	department: string;
	managerEmail: string;
	leavingDate: string;
}

/**
 * The HR list of the examples, as their "HR employees" node builds it (a test compares the two): Julia
 * left two weeks before `today` (`YYYY-MM-DD`), Thomas is gone, Noah and Tess joined.
 */
export function hrExampleRows(today: string): HrExampleRow[] {
	const twoWeeksAgo = new Date(Date.parse(`${today}T12:00:00Z`) - 14 * 86_400_000).toISOString().slice(0, 10);
	const manager = 'lotte.bos@acme-care.example';
	const row = (firstName: string, lastName: string, employeeNumber: string, department: string, leavingDate = ''): HrExampleRow => ({
		firstName,
		lastName,
		email: employeeNumber ? `${firstName}.${lastName.replace(/\s+/g, '')}@acme-care.example`.toLowerCase() : '',
		employeeNumber,
		department,
		managerEmail: firstName === 'Lotte' ? '' : manager,
		leavingDate,
	});
	return [
		row('Sanne', 'de Vries', 'E1001', 'Care'),
		{ ...row('Daan', 'Jansen-Bakker', 'E1002', 'Care'), email: 'daan.jansen@acme-care.example' },
		row('Emma', 'Visser', 'E1003', 'Operations'),
		row('Lucas', 'Smit', 'E1004', 'Care'),
		row('Julia', 'Mulder', 'E1005', 'Care', twoWeeksAgo),
		row('Lotte', 'Bos', 'E1007', 'Care'),
		row('Finn', 'Dekker', 'E1008', 'Finance'),
		row('Mila', 'Peters', 'E1009', 'Care'),
		row('Sem', 'Hendriks', 'E1010', 'Facilities'),
		row('Noah', 'Bakker', 'E1011', 'Care'),
		row('Tess', 'Meijer', 'E1012', 'Finance'),
		row('Jesse', 'Kok', '', 'Care'),
	];
}
