// Starts the real `brigade` binary on port 0 (it picks a free port and prints it, so
// two servers never race for one) with a fresh data directory (and so a fresh SQLite
// database), serving the built app from frontend/dist.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** Resolves to the base URL once the process prints where it listens. */
function announcedUrl(child, timeoutMs) {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`brigade did not say where it listens within ${timeoutMs} ms:\n${seen}`)), timeoutMs);
    child.stdout.on("data", (chunk) => {
      seen += chunk.toString();
      const match = seen.match(/^Brigade is listening on (http:\/\/\S+?)\/?$/m);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`brigade exited with code ${code} before it was ready:\n${seen}`));
    });
  });
}

async function waitUntilHealthy(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`brigade exited with code ${child.exitCode} before it was ready`);
    }
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      // not answering yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`brigade did not become healthy at ${url} within ${timeoutMs} ms`);
}

/**
 * Starts Brigade; resolves to { url, databasePath, stop() }. `extraEnv` adds settings
 * (the browser suite trusts a proxy header, so each test has its own client address).
 */
export async function startBrigade(extraEnv = {}) {
  const bin = process.env.BRIGADE_BIN;
  if (!bin || !fs.existsSync(bin)) {
    throw new Error(`set BRIGADE_BIN to the built brigade binary (got ${bin || "nothing"})`);
  }
  const appDir = process.env.BRIGADE_APP_DIR || path.join(repo, "frontend/dist");
  if (!fs.existsSync(path.join(appDir, "index.html"))) {
    throw new Error(`the app is not built in ${appDir}: run make frontend`);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "brigade-browser-"));
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.BRIGADE_ENV;
  Object.assign(env, {
    BRIGADE_BIND: "127.0.0.1:0",
    BRIGADE_DATA_DIR: dataDir,
    BRIGADE_APP_DIR: appDir,
    RUST_LOG: process.env.RUST_LOG || "warn",
    ...extraEnv,
  });
  const child = spawn(bin, [], { env, stdio: ["ignore", "pipe", "inherit"] });
  const url = await announcedUrl(child, 30_000);
  child.stdout.resume();
  await waitUntilHealthy(url, child, 30_000);
  return {
    url,
    databasePath: path.join(dataDir, "brigade.sqlite3"),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
