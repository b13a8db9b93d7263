/** Where the record an event names can be read: the part before the dot -> path of one record. */
export const RECORD_PATHS: Record<string, string> = {
	account: '/accounts/{id}',
	catalog_variant: '/catalog/variants/{id}',
	category: '/categories/{id}',
	course: '/courses/{id}',
	course_location: '/course_locations/{id}',
	certificate: '/certificates/{id}',
	course_variant: '/course_variants/{id}',
	enrollment: '/enrollments/{id}',
	invoice: '/invoices/{id}',
	label: '/labels/{id}',
	lead: '/leads/{id}',
	meeting: '/meetings/{id}',
	meeting_location: '/meeting_locations/{id}',
	order: '/orders/{id}',
	payment: '/payments/{id}',
	planned_course: '/planned_courses/{id}',
	planning_event: '/planning/events/{id}',
	product: '/catalog/products/{id}',
	program: '/program/programs/{id}',
	program_edition: '/program/editions/{id}',
	program_enrollment: '/program/enrollments/{id}',
	teacher: '/teachers/{id}',
	teacher_role: '/teacher_roles/{id}',
	user: '/users/{id}',
};

/** "planned_course.teacher_attendees_changed" -> "Planned Course: Teacher Attendees Changed". */
export function eventLabel(event: string): string {
	const words = (text: string) =>
		text
			.split('_')
			.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
			.join(' ');
	const [resource, action] = event.split('.');
	return `${words(resource)}: ${words(action)}`;
}
