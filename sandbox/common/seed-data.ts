/** Plain word lists for realistic seed records. */
export const FIRST_NAMES = [
	'Anna', 'Bram', 'Charlotte', 'Daan', 'Emma', 'Finn', 'Grace', 'Hugo', 'Isa', 'Jesse', 'Julia', 'Lars',
	'Lotte', 'Milan', 'Noah', 'Olivia', 'Pieter', 'Sanne', 'Sophie', 'Thomas', 'Tess', 'Vera', 'Wouter',
	'Yara', 'James', 'Amelia', 'Oliver', 'Isla', 'Harry', 'Mia', 'George', 'Ava', 'Jack', 'Freya',
];
export const LAST_NAMES = [
	'de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'Mulder', 'de Boer', 'Bos', 'Vos',
	'Peters', 'Hendriks', 'Dekker', 'Brouwer', 'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson',
	'Evans', 'Thomas', 'Roberts', 'Walker', "O'Neil", 'Wright',
];
export const COURSE_NAMES = [
	'First Aid at Work', 'Fire Safety Awareness', 'Forklift Operation', 'Leadership Essentials',
	'GDPR for Staff', 'Project Management Foundations', 'Scrum Master', 'Excel Advanced',
	'Customer Service Excellence', 'Health and Safety Level 2', 'Manual Handling', 'Conflict Resolution',
	'Time Management', 'Presentation Skills', 'Emergency Response (BHV)', 'Reanimation and AED',
	'Working at Height', 'Food Hygiene', 'Coaching for Managers', 'Data Analysis with Python',
];
export const CITIES = ['Amsterdam', 'Utrecht', 'Rotterdam', 'Eindhoven', 'Zwolle', 'London', 'Leeds', 'Bristol'];
export const COMPANIES = ['Acme Logistics', 'Noordzee Bouw', 'Brightside Care', 'Polder Tech', 'Harbour Foods', 'Kite Retail'];

export function pick<T>(random: () => number, list: readonly T[]): T {
	return list[Math.floor(random() * list.length)];
}

export function slugify(text: string): string {
	return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
