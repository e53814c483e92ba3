// The end-to-end tests drive Debian's Chromium (playwright-core never downloads a browser here).
// Installs it when missing and we may (root + apt-get); otherwise says exactly what to do.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (isRoot && hasApt) {
  console.log('Chromium is missing: installing Debian’s chromium package…');
  execSync('apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium', {
    stdio: 'inherit',
  });
  process.exit(0);
}
console.error(
  `Chromium not found at ${path}. Install it (Debian/Ubuntu: sudo apt-get install chromium) ` +
    'or set CHROMIUM_PATH to a Chromium/Chrome binary.',
);
process.exit(1);
