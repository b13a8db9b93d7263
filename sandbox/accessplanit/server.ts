import { randomBytes } from 'node:crypto';

import {
	randomGenerator,
	SandboxServer,
	WindowLimiter,
	type SandboxRequest,
	type SandboxResponse,
	type VendorSandboxOptions,
} from '../common/server';
import { CITIES, COMPANIES, COURSE_NAMES, FIRST_NAMES, LAST_NAMES, pick, slugify } from '../common/seed-data';
import { HR_EXAMPLE_COMPANY, HR_EXAMPLE_EMPLOYEES, HR_EXAMPLE_TRAINER } from '../common/hr-example';
import { plusDays, stampInstant, vendorDay, vendorWallClock } from '../common/time';
import { fieldsFromRecords, GENERIC_READ_ONLY, genericFields, genericSeeds, NO_DELETE, NO_FIELD_HELP, type SandboxField } from './modules';
import { matches, ODataError, parseFilter, sortBy } from './odata';

export const ACCESSPLANIT_USER = 'api.user@sandbox.example';
export const ACCESSPLANIT_PASSWORD = 'Sandbox-Password-42';
export const ACCESSPLANIT_API_KEY = 'apk-sandbox-0f1e2d3c4b5a69788796a5b4';
/** The platform's clock: UK time (course dates say "GMT Standard Time"). */
export const ACCESSPLANIT_ZONE = 'Europe/London';

type Rec = Record<string, unknown> & { ID: string | number; DateCreated: string; DateUpdated: string };

export interface AccessplanitSandboxOptions extends VendorSandboxOptions {
	users?: number;
	/** Token lifetime in seconds before scaling (60 minutes). */
	tokenLifetimeSeconds?: number;
	/** Requests per hour per endpoint (5,000). */
	rateLimit?: number;
}

const DELEGATE_STATUSES = ['Provisional', 'Booked', 'InProgress', 'Completed', 'Cancelled', 'Transferred'];
/** A user's status ("Only Users with a status of 'Enabled' or 'New'" are sent to HR; a leaver is Disabled, never deleted). */
const USER_STATUSES = ['Enabled', 'New', 'Disabled'];
const COURSE_DATE_STATUSES = ['Available', 'Cancelled', 'Completed', 'Failed', 'FullyBooked', 'InProgress', 'OnHold', 'Provisional', 'Unknown'];

/** Required fields per module for POST, as ModelState reports them. */
const REQUIRED: Record<string, string[]> = {
	User: ['Forenames', 'Surname', 'Email'],
	Company: ['Name'],
	CompanyGroup: ['Name'],
	CourseDate: ['CourseTemplateID', 'StartDate', 'EndDate'],
	UserCourseDate: ['UserID', 'CourseDateID'],
	UserAward: ['UserID', 'AwardID'],
	Transaction: ['InvoiceID', 'Amount'],
};
const READ_ONLY = new Set(['CourseTemplate', 'Venue', 'Trainer', 'ManagerUserCourseDateAuthorisation', 'InvoiceItem']);
const NO_CREATE = new Set(['Invoice']);
const NO_UPDATE = new Set(['Transaction']);

/** Company ids are short codes like DOEV908E. */
function companyId(name: string, index: number): string {
	return `${name.replace(/[^A-Za-z]/g, '').slice(0, 4).toUpperCase()}${900 + index}${String.fromCharCode(65 + index)}`;
}

const message = (status: number, text: string, modelState?: Record<string, string[]>): SandboxResponse => ({
	status,
	body: modelState ? { Message: text, ModelState: modelState } : { Message: text },
});

/**
 * A stateful imitation of accessplanit's API v2: password-grant tokens that expire (and refresh),
 * API keys as bearer values, OData queries, `{"results": [...]}`, 400 with Message/ModelState,
 * 5,000 requests per hour per endpoint (scalable), DateUpdated moving on change, and delegate
 * ids `userId~courseDateId`.
 */
export class AccessplanitSandbox extends SandboxServer {
	readonly modules: Record<string, Rec[]> = {};
	readonly tokens = new Map<string, number>();
	readonly refreshTokens = new Map<string, number>();
	tokenLifetimeMs: number;
	tokensIssued = 0;
	readonly limiter: WindowLimiter;
	private readonly random: () => number;
	private clock = Date.parse('2026-01-05T08:00:00Z');

	constructor(options: AccessplanitSandboxOptions = {}) {
		super('accessplanit', '/accessplan', (kind) =>
			kind === 'rate-limit'
				? message(429, 'API calls quota exceeded! maximum admitted 5000 per Hour.')
				: kind === 'unavailable'
					? message(503, 'The service is unavailable.')
					: message(500, 'An error has occurred.'),
		);
		const scale = options.rateLimitScale ?? 1;
		this.tokenLifetimeMs = (options.tokenLifetimeSeconds ?? 3600) * 1000 * scale;
		this.limiter = new WindowLimiter(options.rateLimit ?? 5000, Math.max(1, 3_600_000 * scale));
		this.latencyMs = options.latencyMs ?? 0;
		this.random = randomGenerator(options.seed ?? 5);
		this.seed(options.users ?? 300);
		this.registerRoutes();
		this.rateLimitAdmin(this.limiter);
		this.admin('POST', '/seed', (request) => {
			this.seed(Number((request.body as { users?: number })?.users ?? 300));
			return { status: 200, body: { users: this.modules.User.length } };
		});
		// A batch of changes that share one DateCreated/DateUpdated stamp, as a bulk import in accessplanit makes.
		this.admin('POST', '/burst', (request) => {
			const body = (request.body ?? {}) as { users?: number; updates?: number; delegates?: number };
			this.frozenStamp = this.now();
			try {
				const created = this.addUsers(body.users ?? 0, this.frozenStamp).map((u) => u.ID);
				const updated: string[] = [];
				const users = this.modules.User;
				for (let i = 0; i < (body.updates ?? 0); i++) {
					const user = users[Math.floor(this.random() * users.length)];
					this.update(user, { JobTitle: `${String(user.JobTitle).split(' #')[0]} #${i}` });
					updated.push(String(user.ID));
				}
				const delegates: string[] = [];
				for (let i = 0; i < (body.delegates ?? 0); i++) {
					const user = users[Math.floor(this.random() * users.length)];
					const open = this.modules.CourseDate.filter((c) => c.Status === 'Available' && !this.modules.UserCourseDate.some((d) => d.ID === `${user.ID}~${c.ID}`));
					if (!open.length) continue;
					const courseDate = open[Math.floor(this.random() * open.length)];
					delegates.push(String(this.create('UserCourseDate', this.delegateFields(user, courseDate, 'Booked')).ID));
				}
				return { status: 200, body: { stamp: this.frozenStamp, created, updated, delegates } };
			} finally {
				this.frozenStamp = undefined;
			}
		});
		this.admin('GET', '/tokens', () => ({ status: 200, body: { issued: this.tokensIssued, lifetimeMs: this.tokenLifetimeMs } }));
		this.admin('POST', '/change', (request) => {
			const body = (request.body ?? {}) as { module: string; id?: string; record?: Record<string, unknown>; changes?: Record<string, unknown> };
			if (body.record) return { status: 200, body: this.create(body.module, body.record) };
			const record = (this.modules[body.module] ?? []).find((r) => String(r.ID) === String(body.id));
			if (!record) return { status: 404, body: { Message: 'no such record' } };
			this.update(record, body.changes ?? {});
			return { status: 200, body: record };
		});
	}

	/** Stamps like accessplanit's (2025-02-22T11:01:38.17): hundredths of a second, so records written together share one. */
	private now(after?: string): string {
		this.clock = Math.floor(Math.max(this.clock, Date.now()) / 10) * 10;
		const previous = after === undefined ? NaN : Date.parse(/[Zz]|[+-]\d\d:\d\d$/.test(after) ? after : `${after}Z`);
		if (previous >= this.clock) this.clock = previous + 10;
		return this.stampOf(this.clock);
	}

	/** Now on the platform's wall clock (UK time, no zone), as course dates are written. */
	wallClock(): string {
		return vendorWallClock(ACCESSPLANIT_ZONE);
	}

	/** The stamp a write made now gets (never before an earlier write's). */
	stamp(): string {
		return this.now();
	}

	stampOf(ms: number): string {
		return new Date(Math.floor(ms / 10) * 10).toISOString().replace(/(\.\d{2})\dZ$/, '$1');
	}

	/** A stamp fixed for a batch of changes (the soak writes many records that share one). */
	frozenStamp?: string;

	create(module: string, values: Record<string, unknown>): Rec {
		const list = (this.modules[module] ??= []);
		const stamp = (values.DateCreated as string) ?? this.frozenStamp ?? this.now();
		let id: string | number;
		if (module === 'Company' && values.ID === undefined) id = companyId(String(values.Name ?? 'Company'), list.length + 7);
		else if (module === 'User') id = (values.ID as string) ?? `${slugify(String(values.Forenames ?? 'u')).slice(0, 2)}${slugify(String(values.Surname ?? 'x')).replace(/-/g, '').slice(0, 4)}${list.length + 1}`;
		else if (module === 'UserCourseDate') id = `${values.UserID}~${values.CourseDateID}`;
		else if (values.ID !== undefined) id = values.ID as string | number;
		else id = list.length ? Math.max(...list.map((r) => Number(r.ID))) + 1 : 1;
		const record = { ...values, ID: id, DateCreated: stamp, DateUpdated: (values.DateUpdated as string) ?? stamp } as Rec;
		list.push(record);
		return record;
	}

	update(record: Rec, changes: Record<string, unknown>): void {
		for (const [key, value] of Object.entries(changes)) if (key !== 'ID' && key !== 'DateCreated') record[key] = value;
		record.DateUpdated = this.frozenStamp && this.frozenStamp > record.DateUpdated ? this.frozenStamp : this.now(record.DateUpdated);
	}

	private seeding = false;

	seed(userCount: number): void {
		this.seeding = true;
		try {
			this.seedModules(userCount);
		} finally {
			this.seeding = false;
		}
		// Seeded records are the past: whatever the clock says (a test may place it anywhere), records
		// written from now on carry later stamps than every seeded one, as on a real platform.
		const newest = Math.max(...Object.values(this.modules).flatMap((records) => records.map((record) => Date.parse(`${String(record.DateUpdated ?? '')}Z`)).filter((ms) => !Number.isNaN(ms))));
		this.clock = Math.max(this.clock, newest);
	}

	private seedModules(userCount: number): void {
		for (const key of Object.keys(this.modules)) delete this.modules[key];
		// Stamps of the past, counted from today (the platform's clock, UTC): a year and more ago onwards.
		const at = (days: number) => new Date(this.seedBase() + days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, '');
		// Course times are the platform's wall clock in the UK, as course dates say ("GMT Standard Time").
		const today = vendorDay(ACCESSPLANIT_ZONE);
		const fromToday = (days: number, hour: number) => `${plusDays(today, days)}T${String(hour).padStart(2, '0')}:00:00`;
		COMPANIES.forEach((name, i) => this.create('CompanyGroup', { Name: `${name} Group`, Description: null, ExternalID: null, DateCreated: at(i) }));
		COMPANIES.forEach((name, i) =>
			this.create('Company', {
				ID: companyId(name, i),
				Name: name,
				CompanyGroupID: i + 1,
				ExternalID: null,
				Email: `hr@${slugify(name)}.example`,
				Phone: '01524 000100',
				Town: CITIES[i % CITIES.length],
				Postcode: 'LA1 1AB',
				IsTrainingProvider: i < 2,
				DateCreated: at(i),
			}),
		);
		CITIES.forEach((city, i) => this.create('Venue', { Name: `${city} Training Centre`, Alias: null, Address: `${10 + i} Station Road`, Town: city, Postcode: 'LA1 1AB', Capacity: 20 + i, DateCreated: at(i) }));
		COURSE_NAMES.forEach((name, i) => this.create('CourseTemplate', { Name: name, Type: i % 4 === 3 ? 'eLearning' : 'Classroom', Category: [i % 2 ? 'Health & Safety' : 'Compliance'], DateCreated: at(i) }));
		this.addUsers(userCount);
		this.changedLately();
		for (let i = 0; i < 8; i++) this.create('Trainer', { UserID: this.modules.User[i].ID, Name: `${this.modules.User[i].Forenames} ${this.modules.User[i].Surname}`, Email: this.modules.User[i].Email, DateCreated: at(i) });
		for (let i = 0; i < 80; i++) {
			const venue = this.modules.Venue[i % CITIES.length];
			this.create('CourseDate', {
				ExternalID: null,
				CourseTemplateID: 1 + (i % COURSE_NAMES.length),
				Name: COURSE_NAMES[i % COURSE_NAMES.length],
				// From two months ago to eight months ahead, so some courses still take requests.
				StartDate: fromToday(i * 3 - 60, 9),
				EndDate: fromToday(i * 3 - 60, 17),
				TimeZone: 'GMT Standard Time',
				Status: pick(this.random, COURSE_DATE_STATUSES.slice(0, 3)),
				CompanyID: this.modules.Company[i % 2].ID,
				NetCost: 15000 + (i % 5) * 2550,
				Tax: (15000 + (i % 5) * 2550) / 5,
				ChargePerDelegate: true,
				MaxPlaces: 12,
				MinPlaces: 2,
				PlacesRemaining: 12,
				Duration: 1 + (i % 3),
				DurationType: 'Day',
				CourseIsAdvertised: i % 5 !== 0,
				AdvertisedStartDate: null,
				AdvertisedEndDate: null,
				AimsText: null,
				VenueID: venue.ID,
				Location: venue.Name,
				TrainerID: null,
				DateCreated: at(i),
			});
		}
		const users = this.modules.User;
		for (let i = 0; i < 400; i++) {
			const user = users[i % users.length];
			const courseDate = this.modules.CourseDate[(i * 7) % 80];
			if (this.modules.UserCourseDate?.some((d) => d.ID === `${user.ID}~${courseDate.ID}`)) continue;
			this.create('UserCourseDate', this.delegateFields(user, courseDate, pick(this.random, DELEGATE_STATUSES), at(40 + (i % 100))));
		}
		this.modules.ManagerUserCourseDateAuthorisation = [];
		for (const delegate of this.modules.UserCourseDate.filter((d) => d.Status === 'Provisional').slice(0, 40)) this.authorisationFor(delegate);
		const awards = [['HOWTOILEoB', 'Safety at Heights Level 1'], ['FIRSTAIDwk', 'First Aid at Work'], ['FORKLFTcb', 'Counterbalance Forklift'], ['GDPRaware', 'GDPR Awareness'], ['MANHANDL1', 'Manual Handling'], ['FIREWARD2', 'Fire Warden']];
		for (let i = 0; i < 120; i++) {
			const user = users[i % users.length];
			const [awardId, label] = awards[i % awards.length];
			const achieved = i % 3 !== 0;
			this.create('UserAward', {
				UserID: user.ID,
				UserFullname: `${user.Forenames} ${user.Surname}`,
				AwardID: awardId,
				AwardLabel: label,
				TargetDate: at(200 + i),
				Status: achieved ? 'Achieved' : 'Target',
				DateAchieved: achieved ? at(100 + i) : null,
				ExpiryDate: achieved ? at(465 + i) : null,
				DateCreated: at(i),
			});
		}
		for (let i = 0; i < 150; i++) {
			const net = 15000 + (i % 7) * 1250;
			const company = this.modules.Company[i % COMPANIES.length];
			const paid = i % 4 === 0;
			const invoice = this.create('Invoice', {
				InvoiceNumber: `INV-${1000 + i}`,
				CompanyID: company.ID,
				CompanyName: company.Name,
				NetAmount: net,
				TaxAmount: net / 5,
				GrossAmount: net * 1.2,
				AmountOutstanding: paid ? 0 : net * 1.2,
				Status: paid ? 'Paid' : 'Issued',
				DateIssued: at(20 + i),
				DueDate: at(50 + i),
				PONumber: null,
				DateCreated: at(20 + i),
			});
			this.create('InvoiceItem', { InvoiceID: invoice.ID, Description: 'Course place', Quantity: 1, UnitNet: net, NetAmount: net, TaxAmount: net / 5, GrossAmount: net * 1.2, DateCreated: invoice.DateCreated });
			if (paid) this.create('Transaction', { InvoiceID: invoice.ID, Amount: net * 1.2, PaymentMethod: 'BACS', Reference: `BACS-${1000 + i}`, TransactionDate: at(30 + i), DateCreated: invoice.DateCreated });
		}
		// Every other module of API v2 answers the same way: a few records each.
		this.handSeeded = new Set(Object.keys(this.modules));
		for (const seed of genericSeeds(this.handSeeded)) {
			if (!seed.stamped) {
				this.modules[seed.module] = seed.records as Rec[];
				continue;
			}
			seed.records.forEach((record, index) => this.create(seed.module, { ...record, DateCreated: at(index) }));
		}
	}

	/** The modules seeded with hand-made records (their rules are written out); the rest are generic. */
	private handSeeded = new Set<string>();

	/** The fields the platform describes for `module` (`/apihelp/v2/modules/{module}`), or undefined when it gives none. */
	fieldHelp(module: string): SandboxField[] | undefined {
		if (NO_FIELD_HELP.has(module)) return undefined;
		if (this.handSeeded.has(module)) return fieldsFromRecords(this.modules[module] ?? [], REQUIRED[module]);
		return genericFields(module);
	}

	/** A record's required fields on create: the hand-made rules, or the field help's. */
	private requiredOf(module: string): string[] {
		if (REQUIRED[module] || this.handSeeded.has(module)) return REQUIRED[module] ?? [];
		return (this.fieldHelp(module) ?? []).filter((field) => field.Required).map((field) => field.Name);
	}

	/** A request waiting for the user's manager, with the fields the HR guide lists. */
	authorisationFor(delegate: Rec): Rec {
		return this.create('ManagerUserCourseDateAuthorisation', {
			UserCourseDateID: delegate.ID,
			UserID: delegate.UserID,
			UserForenames: delegate.UserForenames,
			UserSurname: delegate.UserSurname,
			ManagerUserID: this.modules.User[0].ID,
			CourseName: delegate.CourseName,
			CourseDateID: delegate.CourseDateID,
			CourseDateStartDate: delegate.CourseDateStartDate,
			CourseDateEndDate: delegate.CourseDateEndDate,
			VenueName: delegate.VenueName,
			Status: 'Awaiting',
			DateCreated: delegate.DateCreated,
		});
	}

	/** 09:00 UTC, 400 days before today: where the seeded past begins. */
	private seedBase(): number {
		return Date.parse(`${plusDays(new Date().toISOString().slice(0, 10), -400)}T09:00:00Z`);
	}

	/**
	 * Seeded users that changed lately, so "who changed today" and "this week" have answers on any
	 * day: every 25th user earlier today, every 10th on one of the six days before (stamps in the
	 * platform's clock, UTC, and never after now).
	 */
	private changedLately(): void {
		const now = Date.now();
		const midnight = Date.parse(`${new Date(now).toISOString().slice(0, 10)}T00:00:00Z`);
		this.modules.User.forEach((user, index) => {
			const n = index + 1;
			let at: number | undefined;
			if (n % 25 === 7) at = midnight + ((now - midnight) * (1 + (n % 9))) / 11;
			else if (n % 10 === 3) at = midnight - (1 + (n % 6)) * 86_400_000 + ((n * 7919) % 86_400) * 1000;
			if (at !== undefined && at > Date.parse(`${String(user.DateCreated)}Z`)) user.DateUpdated = this.stampOf(Math.min(at, now - 10));
		});
	}

	addUsers(count: number, stamp?: string): Rec[] {
		const base = this.seedBase();
		const start = this.modules.User?.length ?? 0;
		const created: Rec[] = [];
		for (let i = 0; i < count; i++) {
			const first = pick(this.random, FIRST_NAMES);
			const last = pick(this.random, LAST_NAMES);
			const n = start + i + 1;
			const company = this.modules.Company[n % this.modules.Company.length];
			const town = pick(this.random, CITIES);
			created.push(this.create('User', {
				ID: `${slugify(first).slice(0, 2)}${slugify(last).replace(/-/g, '').slice(0, 4)}${n}`,
				Forenames: first,
				Surname: last,
				Email: `${slugify(first)}.${slugify(last)}.${n}@example.co.uk`,
				ExternalID: `HR${String(n).padStart(5, '0')}`,
				MainCompanyID: company.ID,
				MainCompanyName: company.Name,
				MainRoleID: 4,
				MainRoleLabel: 'Delegate',
				JobTitle: pick(this.random, ['Engineer', 'Nurse', 'Driver', 'Manager', 'Analyst']),
				Status: n % 17 === 0 ? 'New' : 'Enabled',
				Address: `${1 + (n % 90)} Main Street`,
				Town: town,
				County: 'Lancashire',
				Postcode: 'LA1 1AB',
				Country: 'United Kingdom',
				FullAddress: `${1 + (n % 90)} Main Street<br />${town}<br />Lancashire<br />United Kingdom<br />LA1 1AB`,
				Phone: '01524 000000',
				Mobile: null,
				MarketingOptIn: n % 3 === 0,
				// A custom field of this platform (CustomFieldMetadata describes it).
				CF_ShirtSize: ['S', 'M', 'L', 'XL'][n % 4],
				// Seeded users have past stamps a minute apart; users added later are written now.
				DateCreated: stamp ?? (this.seeding ? new Date(base + n * 60_000).toISOString().replace(/\.\d{3}Z$/, '.17') : (this.frozenStamp ?? this.now())),
			}));
		}
		return created;
	}

	/**
	 * The people of the HR sync example (sandbox/common/hr-example.ts): the account "Acme Care" with its
	 * employees (External ID = their employee number) and a trainer of another account. Added once.
	 */
	addHrExample(): void {
		if (this.modules.Company.some((company) => company.ID === HR_EXAMPLE_COMPANY.ID)) return;
		this.create('Company', { ...HR_EXAMPLE_COMPANY, CompanyGroupID: 1, ExternalID: null, Email: 'hr@acme-care.example', Phone: '01524 000200', Town: 'Lancaster', Postcode: 'LA1 1AB', IsTrainingProvider: false });
		for (const person of [...HR_EXAMPLE_EMPLOYEES, HR_EXAMPLE_TRAINER]) {
			const trainer = person === HR_EXAMPLE_TRAINER;
			const company = trainer ? this.modules.Company[0] : this.modules.Company.find((entry) => entry.ID === HR_EXAMPLE_COMPANY.ID)!;
			this.create('User', {
				Forenames: person.firstName,
				Surname: person.lastName,
				Email: person.email,
				ExternalID: person.employeeNumber || null,
				MainCompanyID: company.ID,
				MainCompanyName: company.Name,
				MainRoleID: trainer ? 3 : 4,
				MainRoleLabel: trainer ? 'Trainer' : 'Delegate',
				JobTitle: person.department,
				Status: 'Enabled',
				Town: 'Lancaster',
				Country: 'United Kingdom',
				MarketingOptIn: false,
			});
		}
	}

	/** A delegate (UserCourseDate) with the fields the HR guide lists. */
	delegateFields(user: Rec, courseDate: Rec, status: string, created?: string): Record<string, unknown> {
		const venue = (this.modules.Venue ?? []).find((v) => v.ID === courseDate.VenueID);
		const company = (this.modules.Company ?? []).find((c) => c.ID === user.MainCompanyID);
		const label = `${String(courseDate.Name)}: ${String(courseDate.StartDate)}`;
		return {
			UserID: user.ID,
			CourseDateID: courseDate.ID,
			Status: status,
			UserFullName: `${user.Forenames} ${user.Surname}`,
			UserForenames: user.Forenames,
			UserSurname: user.Surname,
			CandidateEmailAddress: user.Email,
			CompanyID: user.MainCompanyID,
			CompanyName: company?.Name ?? null,
			CourseTemplateID: courseDate.CourseTemplateID,
			TrainingProviderID: courseDate.CompanyID ?? null,
			ManagersEmailAddresses: company ? `manager@${slugify(String(company.Name))}.example` : null,
			CourseName: courseDate.Name,
			CourseDateDetailsLabel: label,
			CourseDateStartDate: courseDate.StartDate,
			CourseDateEndDate: courseDate.EndDate,
			VenueName: venue?.Name ?? null,
			Description: `${user.Forenames} ${user.Surname}- ${label}`,
			...(created ? { DateCreated: created } : {}),
		};
	}

	private moduleName(segment: string): string | undefined {
		const wanted = segment.toLowerCase();
		const aliases: Record<string, string> = { coursedates: 'CourseDate', users: 'User', delegates: 'UserCourseDate' };
		if (aliases[wanted]) return aliases[wanted];
		return Object.keys(this.modules).concat(Object.keys(REQUIRED)).find((name) => name.toLowerCase() === wanted);
	}

	/** Bearer check (token or API key), then the per-endpoint hourly limit. */
	private guard(request: SandboxRequest, module: string): SandboxResponse | undefined {
		const header = String(request.headers.authorization ?? '');
		const token = header.replace(/^Bearer\s+/i, '').trim();
		const expires = this.tokens.get(token);
		const valid = token === ACCESSPLANIT_API_KEY || (expires !== undefined && expires > Date.now());
		if (!valid) return message(401, 'Authorization has been denied for this request.');
		if (!this.limiter.hit(`${token}:${module}`).allowed) return message(429, 'API calls quota exceeded! maximum admitted 5000 per Hour.');
		return undefined;
	}

	private registerRoutes() {
		this.route('POST', '/api/v2/token', (request) => {
			const body = (request.body ?? {}) as Record<string, string>;
			if (!String(request.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
				return { status: 400, body: { error: 'unsupported_grant_type' } };
			}
			if (body.grant_type === 'password') {
				if (body.username !== ACCESSPLANIT_USER || body.password !== ACCESSPLANIT_PASSWORD) {
					return { status: 400, body: { error: 'invalid_grant', error_description: 'The user name or password is incorrect.' } };
				}
			} else if (body.grant_type === 'refresh_token') {
				if (!this.refreshTokens.has(body.refresh_token)) return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid refresh token.' } };
				this.refreshTokens.delete(body.refresh_token);
			} else {
				return { status: 400, body: { error: 'unsupported_grant_type' } };
			}
			const access = randomBytes(24).toString('base64url');
			const refresh = randomBytes(24).toString('base64url');
			this.tokens.set(access, Date.now() + this.tokenLifetimeMs);
			this.refreshTokens.set(refresh, Date.now());
			this.tokensIssued++;
			return { status: 200, body: { access_token: access, token_type: 'bearer', expires_in: Math.max(1, Math.round(this.tokenLifetimeMs / 1000)), refresh_token: refresh } };
		});

		this.route('GET', '/api/v2/:module', (request) => {
			const module = this.moduleName(request.params.module);
			if (!module) return message(404, `No HTTP resource was found that matches the request URI '${request.origin}${request.path}'.`);
			const denied = this.guard(request, module);
			if (denied) return denied;
			if (module === 'CourseTemplate' && (request.query.has('$filter') || request.query.has('$orderby'))) {
				return message(400, 'The query specified in the URI is not valid. Course Templates cannot be filtered or sorted.');
			}
			return this.query(request, this.modules[module] ?? [], module);
		});

		// The field help per module (third-party scripts read it at {root}/apihelp/v2/modules/{module}).
		this.route('GET', '/apihelp/v2/modules/:module', (request) => {
			const module = this.moduleName(request.params.module);
			const denied = this.guard(request, 'apihelp');
			if (denied) return denied;
			const fields = module ? this.fieldHelp(module) : undefined;
			if (!module || !fields) return message(404, `No help is available for the module '${request.params.module}'.`);
			return { status: 200, body: { Module: module, Fields: fields } };
		});

		// Insert or update in one request: matched on ID when the body has one, otherwise on ExternalID.
		this.route('POST', '/api/v2/:module/upsert', (request) => {
			const module = this.moduleName(request.params.module);
			if (!module || this.readOnly(module) || NO_CREATE.has(module)) return message(404, `No HTTP resource was found that matches the request URI '${request.origin}${request.path}'.`);
			const denied = this.guard(request, module);
			if (denied) return denied;
			if (request.bodyError || !request.body || typeof request.body !== 'object') return message(400, 'The request is invalid.', { model: ['The request body could not be read.'] });
			const body = request.body as Record<string, unknown>;
			const key = body.ID !== undefined && body.ID !== null && body.ID !== '' ? 'ID' : body.ExternalID ? 'ExternalID' : undefined;
			if (!key) return message(400, 'The request is invalid.', { 'model.ID': ['An upsert needs the ID or the ExternalID of the record.'] });
			this.upserts.push({ module, key, body });
			const existing = (this.modules[module] ?? []).find((record) => String(record[key]) === String(body[key]));
			if (!existing) {
				const { ID: _ignored, ...values } = body;
				return this.createRecord(module, key === 'ID' ? values : body);
			}
			const { ID: _id, ...changes } = body;
			const modelState = this.validate(module, changes, false, existing);
			if (modelState) return message(400, 'The request is invalid.', modelState);
			this.update(existing, changes);
			return { status: 200, body: existing };
		});

		this.route('DELETE', '/api/v2/:module/:id', (request) => {
			const module = this.moduleName(request.params.module);
			if (!module) return message(404, `No HTTP resource was found that matches the request URI '${request.origin}${request.path}'.`);
			const denied = this.guard(request, module);
			if (denied) return denied;
			if (NO_DELETE.has(module)) return message(405, "The requested resource does not support http method 'DELETE'.");
			const list = this.modules[module] ?? [];
			const index = list.findIndex((record) => String(record.ID) === request.params.id);
			if (index === -1) return message(404, `${module} ${request.params.id} was not found.`);
			list.splice(index, 1);
			return { status: 204 };
		});

		this.route('POST', '/api/v2/:module', (request) => {
			const module = this.moduleName(request.params.module);
			if (!module || this.readOnly(module) || NO_CREATE.has(module)) return message(404, `No HTTP resource was found that matches the request URI '${request.origin}${request.path}'.`);
			const denied = this.guard(request, module);
			if (denied) return denied;
			if (request.bodyError || !request.body || typeof request.body !== 'object') return message(400, 'The request is invalid.', { model: ['The request body could not be read.'] });
			return this.createRecord(module, request.body as Record<string, unknown>);
		});

		this.route('PUT', '/api/v2/:module/:id', (request) => {
			const module = this.moduleName(request.params.module);
			if (!module || this.readOnly(module) || NO_UPDATE.has(module)) return message(404, `No HTTP resource was found that matches the request URI '${request.origin}${request.path}'.`);
			const denied = this.guard(request, module);
			if (denied) return denied;
			const record = (this.modules[module] ?? []).find((r) => String(r.ID) === request.params.id);
			if (!record) return message(404, `${module} ${request.params.id} was not found.`);
			const body = (request.body ?? {}) as Record<string, unknown>;
			const modelState = this.validate(module, body, false, record);
			if (modelState) return message(400, 'The request is invalid.', modelState);
			if (module === 'Company' && body.CompanyGroupID !== undefined && String(body.CompanyGroupID) !== String(record.CompanyGroupID)) {
				return message(400, 'The request is invalid.', { 'model.CompanyGroupID': ['An account cannot be moved to another account group through the API.'] });
			}
			this.update(record, body);
			if (module === 'UserCourseDate' && body.Status !== undefined && body.Status !== 'Provisional') {
				for (const authorisation of this.modules.ManagerUserCourseDateAuthorisation ?? []) {
					if (authorisation.UserCourseDateID === record.ID && authorisation.Status === 'Awaiting') this.update(authorisation, { Status: body.Status === 'Booked' ? 'Approved' : 'Closed' });
				}
			}
			return { status: 200, body: record };
		});

		for (const [kind, field, target] of [['venue', 'VenueID', 'Venue'], ['trainers', 'TrainerID', 'Trainer']] as const) {
			this.route('POST', `/api/v2/:module/:id/${kind}/:target`, (request) => {
				if (this.moduleName(request.params.module) !== 'CourseDate') return message(404, 'No HTTP resource was found that matches the request URI.');
				const denied = this.guard(request, 'CourseDate');
				if (denied) return denied;
				const courseDate = this.modules.CourseDate.find((r) => String(r.ID) === request.params.id);
				if (!courseDate) return message(404, `CourseDate ${request.params.id} was not found.`);
				if (!this.modules[target].some((r) => String(r.ID) === request.params.target)) return message(400, `${target} ${request.params.target} does not exist.`);
				this.update(courseDate, { [field]: Number(request.params.target) });
				return { status: 200, body: courseDate };
			});
		}
	}

	/** Upserts as they arrived: which key each matched on (tests of what the node sends). */
	readonly upserts: Array<{ module: string; key: string; body: Record<string, unknown> }> = [];

	/** Modules that can be read but not written through the API. */
	private readOnly(module: string): boolean {
		return READ_ONLY.has(module) || GENERIC_READ_ONLY.has(module);
	}

	/** A new record, after the module's rules (POST, and an upsert that finds nothing to update). */
	private createRecord(module: string, body: Record<string, unknown>): SandboxResponse {
		const modelState = this.validate(module, body, true);
		if (modelState) return message(400, 'The request is invalid.', modelState);
		const refused = this.checkCreate(module, body);
		if (refused) return refused;
		if (module === 'UserCourseDate') {
			const user = this.modules.User.find((u) => u.ID === body.UserID)!;
			const courseDate = this.modules.CourseDate.find((c) => String(c.ID) === String(body.CourseDateID))!;
			const delegate = this.create(module, { ...this.delegateFields(user, courseDate, 'Provisional'), ...body, CourseDateID: courseDate.ID });
			this.update(courseDate, { PlacesRemaining: Number(courseDate.PlacesRemaining ?? 0) - 1 });
			if (delegate.Status === 'Provisional') this.authorisationFor(delegate);
			return { status: 201, body: delegate };
		}
		if (module === 'Transaction') {
			const invoice = this.modules.Invoice.find((i) => String(i.ID) === String(body.InvoiceID))!;
			this.update(invoice, { AmountOutstanding: Number(invoice.AmountOutstanding) - Number(body.Amount), ...(Number(invoice.AmountOutstanding) - Number(body.Amount) === 0 ? { Status: 'Paid' } : {}) });
		}
		return { status: 201, body: this.create(module, body) };
	}

	/** Refusals that depend on other records: already booked, full or cancelled course dates, payments beyond what is owed. */
	private checkCreate(module: string, body: Record<string, unknown>): SandboxResponse | undefined {
		if (module === 'UserCourseDate') {
			if (this.modules.UserCourseDate.some((d) => d.ID === `${body.UserID}~${body.CourseDateID}`)) {
				return message(400, 'The request is invalid.', { 'model.UserID': ['The user is already a delegate on this course date.'] });
			}
			const courseDate = this.modules.CourseDate.find((c) => String(c.ID) === String(body.CourseDateID));
			if (!courseDate) return message(400, 'The request is invalid.', { 'model.CourseDateID': [`Course date '${body.CourseDateID}' does not exist.`] });
			if (['Cancelled', 'Completed', 'Failed', 'FullyBooked'].includes(String(courseDate.Status)) || Number(courseDate.PlacesRemaining ?? 1) <= 0) {
				return message(400, 'The request is invalid.', { 'model.CourseDateID': [`Course date '${courseDate.ID}' is ${String(courseDate.Status)} and takes no bookings.`] });
			}
		}
		if (module === 'Transaction') {
			const invoice = this.modules.Invoice.find((i) => String(i.ID) === String(body.InvoiceID));
			if (!invoice) return message(400, 'The request is invalid.', { 'model.InvoiceID': [`Invoice '${body.InvoiceID}' does not exist.`] });
			if (Number(body.Amount) > Number(invoice.AmountOutstanding)) return message(400, 'The request is invalid.', { 'model.Amount': [`The amount is more than the ${Number(invoice.AmountOutstanding)} pence outstanding on invoice ${String(invoice.InvoiceNumber)}.`] });
		}
		return undefined;
	}

	private validate(module: string, body: Record<string, unknown>, creating: boolean, existing?: Rec): Record<string, string[]> | undefined {
		const state: Record<string, string[]> = {};
		if (module === 'CourseDate') {
			const merged = { ...existing, ...body };
			const time = (value: unknown) => stampInstant(String(value));
			if (creating && (body.MaxPlaces === undefined || body.MaxPlaces === null)) state['model.MaxPlaces'] = ['The MaxPlaces field is required.'];
			if (creating && !body.Status) state['model.Status'] = ['The Status field is required.'];
			if (merged.StartDate && merged.EndDate && time(merged.StartDate) >= time(merged.EndDate)) state['model.EndDate'] = ['The end date must be after the start date.'];
			if (merged.AdvertisedStartDate && merged.AdvertisedEndDate && time(merged.AdvertisedStartDate) >= time(merged.AdvertisedEndDate)) state['model.AdvertisedEndDate'] = ['The advertised end date must be after the advertised start date.'];
			if (merged.MaxPlaces !== undefined && merged.MaxPlaces !== null && !(Number(merged.MaxPlaces) > 0)) state['model.MaxPlaces'] = ['Max places must be positive.'];
			if (merged.MinPlaces !== undefined && merged.MinPlaces !== null && Number(merged.MinPlaces) > Number(merged.MaxPlaces)) state['model.MinPlaces'] = ['Min places must be equal to or lower than max places.'];
			if (body.CompanyID !== undefined && !this.modules.Company.some((c) => c.ID === body.CompanyID && c.IsTrainingProvider)) state['model.CompanyID'] = ['Must be the ID of an existing Training Provider Account.'];
			if (creating && body.CourseTemplateID !== undefined && !this.modules.CourseTemplate.some((t) => String(t.ID) === String(body.CourseTemplateID))) state['model.CourseTemplateID'] = [`Course template '${body.CourseTemplateID}' does not exist.`];
			for (const field of ['NetCost', 'MaxPlaces', 'MinPlaces', 'Duration']) if (body[field] !== undefined && body[field] !== null && typeof body[field] !== 'number') state[`model.${field}`] = [`The ${field} field must be a number.`];
		}
		if (module === 'Invoice') {
			for (const field of Object.keys(body)) if (!['DueDate', 'PONumber'].includes(field)) state[`model.${field}`] = [`${field} cannot be changed through the API.`];
		}
		if (module === 'Transaction' && creating && body.Amount !== undefined && (!Number.isInteger(body.Amount) || Number(body.Amount) <= 0)) state['model.Amount'] = ['The Amount must be a positive whole number of pence.'];
		if (module === 'UserAward' && creating && body.Status === 'Target' && !body.TargetDate) state['model.TargetDate'] = ['A target needs a TargetDate.'];
		if (module === 'UserAward' && creating && body.UserID && !this.modules.User.some((u) => u.ID === body.UserID)) state['model.UserID'] = [`User '${body.UserID}' does not exist.`];
		if (creating) for (const field of this.requiredOf(module)) if (body[field] === undefined || body[field] === null || body[field] === '') state[`model.${field}`] = [`The ${field} field is required.`];
		if (body.Email !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(String(body.Email))) state['model.Email'] = ['The Email field is not a valid e-mail address.'];
		if (module === 'UserCourseDate' && body.Status !== undefined && !DELEGATE_STATUSES.includes(String(body.Status))) state['model.Status'] = [`The value '${body.Status}' is not valid for Status.`];
		if (module === 'User' && body.Status !== undefined && !USER_STATUSES.includes(String(body.Status))) state['model.Status'] = [`The value '${body.Status}' is not valid for Status.`];
		if (module === 'CourseDate' && body.Status !== undefined && !COURSE_DATE_STATUSES.includes(String(body.Status))) state['model.Status'] = [`The value '${body.Status}' is not valid for Status.`];
		if (module === 'UserCourseDate' && creating && body.UserID && !this.modules.User.some((u) => u.ID === body.UserID)) state['model.UserID'] = [`User '${body.UserID}' does not exist.`];
		return Object.keys(state).length ? state : undefined;
	}

	private query(request: SandboxRequest, records: Rec[], module: string): SandboxResponse {
		try {
			let result: Array<Record<string, unknown>> = records;
			const filter = request.query.get('$filter');
			if (filter) {
				const conditions = parseFilter(filter);
				// The module's properties: any record's, and the field help's (a record written without one has it as null).
				const known = new Set([...records.flatMap((record) => Object.keys(record)), ...(this.fieldHelp(module) ?? []).map((field) => field.Name)].map((name) => name.toLowerCase()));
				result = result.filter((record) => matches(record, conditions, known));
			}
			const orderby = request.query.get('$orderby');
			if (orderby) result = sortBy(result, orderby);
			const count = result.length;
			const skip = Number(request.query.get('$skip') ?? 0);
			const top = Number(request.query.get('$top') ?? 500);
			if (!Number.isInteger(skip) || skip < 0) return message(400, 'The query specified in the URI is not valid. $skip must be a non-negative integer.');
			if (!Number.isInteger(top) || top < -1) return message(400, 'The query specified in the URI is not valid. $top must be an integer.');
			result = top === -1 ? result.slice(skip) : result.slice(skip, skip + top);
			const select = request.query.get('$select');
			if (select) {
				const fields = select.split(',').map((f) => f.trim());
				result = result.map((record) => Object.fromEntries(fields.map((f) => [Object.keys(record).find((k) => k.toLowerCase() === f.toLowerCase()) ?? f, record[Object.keys(record).find((k) => k.toLowerCase() === f.toLowerCase()) ?? f]])));
			}
			const body: Record<string, unknown> = { results: result };
			if (request.query.get('$count') === 'true') body.count = count;
			return { status: 200, body };
		} catch (error) {
			if (error instanceof ODataError) return message(400, `The query specified in the URI is not valid. ${error.message}`);
			throw error;
		}
	}
}
