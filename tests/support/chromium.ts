// Finds the Chromium the browser tests drive: CHROMIUM_PATH, else Debian's /usr/bin/chromium.
// Playwright's own browser download cannot run on machines without internet access.
import fs from 'node:fs'

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
  (candidate): candidate is string => Boolean(candidate),
)

export const chromiumInstallHint =
  'No Chromium found. On Debian or Ubuntu run `sudo apt-get install -y chromium`, or set CHROMIUM_PATH to a Chromium or Chrome executable.'

export function chromiumExecutablePath(): string | undefined {
  return candidates.find((candidate) => fs.existsSync(candidate))
}
