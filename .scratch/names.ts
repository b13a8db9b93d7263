import { Eduframe } from '../nodes/Eduframe/Eduframe.node';
import { Planaday } from '../nodes/Planaday/Planaday.node';
import { Accessplanit } from '../nodes/Accessplanit/Accessplanit.node';
const which = process.argv[2];
const node = which === 'p' ? new Planaday() : which === 'a' ? new Accessplanit() : new Eduframe();
const names = new Set<string>(); const opts = new Set<string>();
function walk(ps: any[]) { for (const p of ps || []) { if (p.displayName) names.add(p.displayName); for (const o of p.options || []) { if (o.displayName && o.type) walk([o]); else if (o.values) walk(o.values); else if (o.name) opts.add(o.name); } if (p.values) walk(p.values); } }
walk(node.description.properties as any[]);
console.log([...names].sort().join(' | '));
console.log('\nOPTIONS:', [...opts].sort().join(' | '));
