import { AccessplanitSandbox, type AccessplanitSandboxOptions } from './accessplanit/server';
import { EduframeSandbox, type EduframeSandboxOptions } from './eduframe/server';
import { PlanadaySandbox, type PlanadaySandboxOptions } from './planaday/server';

export * from './accessplanit/server';
export * from './eduframe/server';
export * from './planaday/server';
export * from './common/server';

export interface Sandboxes {
	eduframe: EduframeSandbox;
	planaday: PlanadaySandbox;
	accessplanit: AccessplanitSandbox;
	stop(): Promise<void>;
}

/** Starts the three vendor sandboxes on 127.0.0.1 (ports 0 = any free port). */
export async function startSandboxes(
	options: {
		eduframe?: EduframeSandboxOptions;
		planaday?: PlanadaySandboxOptions;
		accessplanit?: AccessplanitSandboxOptions;
		ports?: { eduframe?: number; planaday?: number; accessplanit?: number };
	} = {},
): Promise<Sandboxes> {
	const eduframe = await new EduframeSandbox(options.eduframe).start(options.ports?.eduframe ?? 0);
	const planaday = await new PlanadaySandbox(options.planaday).start(options.ports?.planaday ?? 0);
	const accessplanit = await new AccessplanitSandbox(options.accessplanit).start(options.ports?.accessplanit ?? 0);
	return {
		eduframe,
		planaday,
		accessplanit,
		stop: async () => {
			await Promise.all([eduframe.stop(), planaday.stop(), accessplanit.stop()]);
		},
	};
}
