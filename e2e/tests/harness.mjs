// Starts `rasid demo` on a free port and a headless Chromium with a fresh
// profile; stops both at the end. Shared by the test files.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
/**
 * Cargo's target directory, as `cargo build` run from the repository root
 * sees it: `$CARGO_TARGET_DIR` (a relative one is relative to the root, where
 * scripts/test runs cargo) or `./target`.
 */
export const targetDir = process.env.CARGO_TARGET_DIR
  ? path.resolve(repoRoot, process.env.CARGO_TARGET_DIR)
  : path.join(repoRoot, 'target');
/** Screenshots of the run: `<target dir>/e2e/*.png`. */
export const shotsDir = path.join(targetDir, 'e2e');
export const outlinesFile = path.join(repoRoot, '..', 'shared', 'data', 'syria-ocha-boundaries', 'syr_adm1.geojson');

function rasidBinary() {
  if (process.env.RASID_BIN) return process.env.RASID_BIN;
  return path.join(targetDir, 'debug', 'rasid');
}

/** Start `rasid demo --addr 127.0.0.1:0` and resolve with its base URL. */
export function startServer() {
  const bin = rasidBinary();
  if (!existsSync(bin)) {
    throw new Error(`rasid binary not found at ${bin}: run 'cargo build -p rasid' or set RASID_BIN`);
  }
  const args = ['demo', '--addr', '127.0.0.1:0'];
  // Governorate outlines for the maps, when the OCHA data is beside the checkout.
  if (existsSync(outlinesFile)) args.push('--boundaries', outlinesFile);
  const child = spawn(bin, args, {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`rasid demo did not print its address within 120 s:\n${log}`));
    }, 120_000);
    const onData = (chunk) => {
      log += chunk.toString();
      const m = log.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[0].replace(/\/$/, ''), log: () => log });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c) => { log += c.toString(); });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`rasid demo exited with ${code} before serving:\n${log}`));
    });
  });
}

/** Stop the server (SIGTERM: graceful, removes the temporary corpus). */
export async function stopServer(server) {
  if (!server || server.child.exitCode !== null) return;
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGTERM');
  const timeout = new Promise((r) => setTimeout(r, 10_000, 'timeout'));
  if ((await Promise.race([exited, timeout])) === 'timeout') server.child.kill('SIGKILL');
}

/** A headless Chromium (Debian's) with a fresh profile directory. */
export async function startBrowser() {
  const profile = mkdtempSync(path.join(tmpdir(), 'rasid-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
    locale: 'ar',
  });
  return { context, profile };
}

export async function stopBrowser(browser) {
  if (!browser) return;
  await browser.context.close();
  rmSync(browser.profile, { recursive: true, force: true });
}

export async function screenshot(page, name, fullPage = true) {
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage });
}
